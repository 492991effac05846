; A chain of jumps that grow each other: j3 is far from l3 and grows; that
; pushes l2 out of j2's reach, and j2's growth pushes l1 out of j1's.
j1:     jz l1
        .space 125
j2:     jz l2
l1:     nop
        .space 124
j3:     jz l3
l2:     nop
        .space 200
l3:     halt
