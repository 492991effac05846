package toyisa.vm;

import static toyisa.vm.Machine.FIRST_CPU_KIND;

/**
 * The Intellio core's pre-decoded operation kinds (the low byte of a slot's kind word, see
 * {@link Machine}), its register slots and how it keeps its flags: what its loops switch on, and
 * what an engine reading the slots ({@link Core#code()}) compiles.
 */
public final class IntellioKinds {
    private IntellioKinds() {}

    public static final int SP = 7;
    /** A register slot that is always zero: the base of absolute addresses. */
    public static final int ZERO = 8;

    public static final int MOV_RR = FIRST_CPU_KIND, MOV_RI = MOV_RR + 1, LD16 = MOV_RR + 2, LD8 = MOV_RR + 3,
            ST16 = MOV_RR + 4, ST8 = MOV_RR + 5, ALU_RR = MOV_RR + 6, ALU_RI = MOV_RR + 7, ALU_RM = MOV_RR + 8,
            ALU_MR = MOV_RR + 9, NOT = MOV_RR + 10, NEG = MOV_RR + 11, INC = MOV_RR + 12, DEC = MOV_RR + 13,
            PUSH = MOV_RR + 14, POP = MOV_RR + 15, XCHG = MOV_RR + 16, NOP = MOV_RR + 17, JCC = MOV_RR + 18,
            JMP = MOV_RR + 19, CALL = MOV_RR + 20, JMP_R = MOV_RR + 21, CALL_R = MOV_RR + 22, RET = MOV_RR + 23,
            INT = MOV_RR + 24, HLT = MOV_RR + 25,
            // The common ALU operations, one kind each (the rest go through ALU_RR / ALU_RI and alu()).
            ADD_RR = MOV_RR + 26, SUB_RR = MOV_RR + 27, AND_RR = MOV_RR + 28, OR_RR = MOV_RR + 29, XOR_RR = MOV_RR + 30,
            CMP_RR = MOV_RR + 31, TEST_RR = MOV_RR + 32, MUL_RR = MOV_RR + 33,
            ADD_RI = MOV_RR + 34, SUB_RI = MOV_RR + 35, AND_RI = MOV_RR + 36, OR_RI = MOV_RR + 37, XOR_RI = MOV_RR + 38,
            CMP_RI = MOV_RR + 39, TEST_RI = MOV_RR + 40, MUL_RI = MOV_RR + 41, SHL_RI = MOV_RR + 42, SHR_RI = MOV_RR + 43,
            // Fused compare-and-branch (see CompareBranch): portable condition in aux, the jump's length in bits 12-15, target in x.
            CMP_RR_J = MOV_RR + 44, CMP_RI_J = MOV_RR + 45, TEST_RR_J = MOV_RR + 46, TEST_RI_J = MOV_RR + 47,
            // A translator's host CPU only (see Core#host): the absolute forms on the host's own memory.
            LDH = MOV_RR + 48, STH = MOV_RR + 49, LDHB = MOV_RR + 50, STHB = MOV_RR + 51;

    // How the flags are kept, told by fb: EXPLICIT, they are in fz fs fc fo; 0..FFFFh, they are those
    // of fa - fb (sub, cmp); fb | ADD_TAG, those of fa + fb (add). One field for the kind of operation
    // and its operand: an ALU operation stores two fields, not three.
    // and/or/xor/test of result d keep "cmp d, 0": Z and S from d, C = O = 0.
    public static final int EXPLICIT = -1, ADD_TAG = 0x10000;

    // ALU operations (aux byte of ALU_* kinds).
    public static final int A_ADD = 0, A_SUB = 1, A_AND = 2, A_OR = 3, A_XOR = 4, A_CMP = 5, A_TEST = 6, A_MUL = 7,
            A_DIVU = 8, A_MODU = 9, A_SHL = 10, A_SHR = 11, A_SAR = 12;
}
