; A recursion with no base case: every call pushes a return address until the stack runs into the program.
down:   push b
        call down
        ret
