package toyisa.vm;

import static toyisa.vm.Machine.FIRST_CPU_KIND;

/**
 * The Armistice core's pre-decoded operation kinds (the low byte of a slot's kind word, see
 * {@link Machine}): what its loops switch on, and what an engine reading the slots
 * ({@link Core#code()}) compiles.
 */
public final class ArmisticeKinds {
    private ArmisticeKinds() {}

    // Operation kinds: one per operand shape the core treats differently.
    public static final int NOP = FIRST_CPU_KIND, INT = NOP + 1, OUT_IMM = NOP + 2, OUT_REG = NOP + 3, HALT = NOP + 4,
            ADD3 = NOP + 5, SUB3 = NOP + 6, AND3 = NOP + 7, OR3 = NOP + 8, XOR3 = NOP + 9, SHL3 = NOP + 10,
            SHR3 = NOP + 11, SAR3 = NOP + 12, MUL3 = NOP + 13, DIVU3 = NOP + 14, REMU3 = NOP + 15,
            ADDI = NOP + 16, SUBI = NOP + 17, ANDI = NOP + 18, ORI = NOP + 19, XORI = NOP + 20, SHLI = NOP + 21,
            SHRI = NOP + 22, SARI = NOP + 23, MULI = NOP + 24,
            CMP = NOP + 25, CMPI = NOP + 26, TST = NOP + 27, TSTI = NOP + 28, MOV = NOP + 29, MOVI = NOP + 30,
            NOT = NOP + 31, NEG = NOP + 32, SWAP = NOP + 33, PUSH = NOP + 34, POP = NOP + 35,
            LD = NOP + 36, LDB = NOP + 37, ST = NOP + 38, STB = NOP + 39,
            JMP = NOP + 40, JCC = NOP + 41, CALL = NOP + 42, RET = NOP + 43, JMP_R = NOP + 44, CALL_R = NOP + 45,
            // Fused compare-and-branch (see CompareBranch): the compare's operands, the condition in aux, the target in x.
            CMP_J = NOP + 46, CMPI_J = NOP + 47, TST_J = NOP + 48, TSTI_J = NOP + 49;
}
