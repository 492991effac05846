package toyisa.jit;

import static toyisa.vm.IntellioKinds.*;

import toyisa.vm.Core;
import toyisa.vm.IntellioKinds;

/** The Intellio core's pre-decoded kinds, as the jit engine reads them. */
final class IntellioJitCpu extends JitCpu {
    static final IntellioJitCpu CPU = new IntellioJitCpu();

    private IntellioJitCpu() {}

    @Override
    int registers() {
        return 9;
    }

    @Override
    boolean zero(int k) {
        return k == ZERO;
    }

    @Override
    int sp() {
        return SP;
    }

    @Override
    boolean bigEndian() {
        return false;
    }

    @Override
    boolean compiles(int kind) {
        switch (kind) {
            case MOV_RR: case MOV_RI: case LD16: case LD8: case ST16: case ST8:
            case ADD_RR: case ADD_RI: case SUB_RR: case SUB_RI: case CMP_RR: case CMP_RI: case AND_RR: case AND_RI:
            case OR_RR: case OR_RI: case XOR_RR: case XOR_RI: case TEST_RR: case TEST_RI: case MUL_RR: case MUL_RI:
            case SHL_RI: case SHR_RI: case CMP_RR_J: case CMP_RI_J: case TEST_RR_J: case TEST_RI_J:
            case NOT: case NEG: case PUSH: case POP: case XCHG: case IntellioKinds.NOP:
            case JMP: case JMP_R: case CALL: case CALL_R: case RET:
            case LDH: case STH: // a translator's host code: its state page, in the host's own memory
                return true;
            default:
                return false;
        }
    }

    @Override
    boolean fused(int kind) {
        return kind == CMP_RR_J || kind == CMP_RI_J || kind == TEST_RR_J || kind == TEST_RI_J;
    }

    @Override
    int bytes(Core m, int at, int w) {
        // The instruction's length in bits 8-11; a fused pair keeps its jump's in bits 12-15.
        return (w >>> 8 & 0xF) + (fused(w & 0xFF) ? w >>> 12 & 0xF : 0);
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
        return m.code()[(at << 2) + 3];
    }

    @Override
    boolean pure(int kind) {
        switch (kind) {
            case MOV_RR: case MOV_RI: case MUL_RR: case MUL_RI: case NOT: case XCHG: case IntellioKinds.NOP:
            case SHL_RI: case SHR_RI:
                return true;
            default:
                return setsAllFlags(kind);
        }
    }

    @Override
    boolean setsAllFlags(int kind) {
        switch (kind) {
            case ADD_RR: case ADD_RI: case SUB_RR: case SUB_RI: case CMP_RR: case CMP_RI:
            case AND_RR: case AND_RI: case OR_RR: case OR_RI: case XOR_RR: case XOR_RI: case TEST_RR: case TEST_RI: case NEG:
            case CMP_RR_J: case CMP_RI_J: case TEST_RR_J: case TEST_RI_J: // the jump comes after the flags are set
                return true;
            default:
                return false;
        }
    }

    /** A shift keeps O, so it reads the flags before it. */
    @Override
    boolean readsFlags(int kind) {
        return kind == SHL_RI || kind == SHR_RI;
    }

    @Override
    RegionCompiler compiler(Core m, Region region) {
        return new IntellioCompiler(m, this, region);
    }

    @Override
    ScriptCompiler script(Core m, Region region) {
        return new IntellioScript(m, this, region);
    }
}
