package toyisa.jit;

import static toyisa.vm.ArmisticeKinds.*;

import toyisa.vm.ArmisticeKinds;
import toyisa.vm.Core;

/** The Armistice core's pre-decoded kinds, as the jit engine reads them. */
final class ArmisticeJitCpu extends JitCpu {
    static final ArmisticeJitCpu CPU = new ArmisticeJitCpu();

    private ArmisticeJitCpu() {}

    @Override
    int registers() {
        return 16;
    }

    @Override
    boolean zero(int k) {
        return k == 0;
    }

    @Override
    int sp() {
        return 15;
    }

    @Override
    boolean bigEndian() {
        return true;
    }

    @Override
    boolean compiles(int kind) {
        switch (kind) {
            case ArmisticeKinds.NOP: case MOV: case MOVI: case ADD3: case SUB3: case AND3: case OR3: case XOR3: case SHL3:
            case SHR3: case SAR3: case MUL3: case DIVU3: case REMU3: case ADDI: case SUBI: case ANDI: case ORI:
            case XORI: case SHLI: case SHRI: case SARI: case MULI: case CMP: case CMPI: case TST: case TSTI:
            case CMP_J: case CMPI_J: case TST_J: case TSTI_J: case NOT: case NEG: case SWAP:
            case LD: case LDB: case ST: case STB: case PUSH: case POP:
            case JMP: case JMP_R: case CALL: case CALL_R: case RET:
                return true;
            default:
                return false;
        }
    }

    @Override
    boolean fused(int kind) {
        return kind == CMP_J || kind == CMPI_J || kind == TST_J || kind == TSTI_J;
    }

    @Override
    int bytes(Core m, int at, int w) {
        return fused(w & 0xFF) ? 8 : 4;
    }

    @Override
    Region.End ends(int kind) {
        if (fused(kind)) return Region.End.BRANCH;
        switch (kind) {
            case JMP: return Region.End.JUMP;
            case CALL: return Region.End.CALL;
            case JMP_R: case CALL_R: case RET: return Region.End.INDIRECT;
            default: return null;
        }
    }

    @Override
    int target(Core m, int at, int w) {
        // A fused pair keeps the jump's target in x; jmp and call keep theirs in z.
        return m.code()[(at << 2) + (fused(w & 0xFF) ? 1 : 3)];
    }

    /**
     * Armistice sets flags only by compares: a compare's flags are dropped when the next compare
     * overwrites them with no load, store, stack operation, division or jump between.
     */
    @Override
    boolean pure(int kind) {
        switch (kind) {
            case ArmisticeKinds.NOP: case MOV: case MOVI: case ADD3: case SUB3: case AND3: case OR3: case XOR3: case SHL3: case SHR3:
            case SAR3: case MUL3: case ADDI: case SUBI: case ANDI: case ORI: case XORI: case SHLI: case SHRI: case SARI: case MULI:
            case NOT: case NEG: case ArmisticeKinds.SWAP:
                return true;
            default:
                return setsAllFlags(kind);
        }
    }

    /** The compares; a fused jump comes after. */
    @Override
    boolean setsAllFlags(int kind) {
        switch (kind) {
            case CMP: case CMPI: case TST: case TSTI: case CMP_J: case CMPI_J: case TST_J: case TSTI_J:
                return true;
            default:
                return false;
        }
    }

    @Override
    boolean readsFlags(int kind) {
        return false;
    }

    @Override
    RegionCompiler compiler(Core m, Region region) {
        return new ArmisticeCompiler(m, this, region);
    }

    @Override
    ScriptCompiler script(Core m, Region region) {
        return new ArmisticeScript(m, this, region);
    }
}
