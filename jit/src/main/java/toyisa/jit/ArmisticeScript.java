package toyisa.jit;

import static toyisa.vm.ArmisticeKinds.*;

import toyisa.vm.Core;
import toyisa.vm.ArmisticeKinds;

/**
 * Armistice instructions in JavaScript, as {@link ArmisticeCompiler} writes them in bytecode and
 * {@code ArmisticeMachine.executeFast} does them: big-endian words that must be 2-aligned, r0
 * reading 0, flags only from compares, kept lazily as the two compared values.
 */
final class ArmisticeScript extends ScriptCompiler {
    private static final int TST_B = 0x10000;
    private static final String[] FLAGS = {"fa", "fb", "lazy"};
    ArmisticeScript(Core core, JitCpu cpu, Region region) {
        super(core, cpu, region);
    }

    @Override
    String[] flagNames() {
        return FLAGS;
    }

    @Override
    String badWord() {
        return "(a&1)!==0"; // misaligned
    }

    @Override
    void instruction(Region.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + 4) & 0xFFFF;
        String ry = reg(y), rz = reg(z);
        switch (w & 0xFF) {
            case ArmisticeKinds.NOP: return;
            case MOV: set(x, ry); return;
            case MOVI: set(x, String.valueOf(z)); return;
            case ADD3: set(x, "(" + ry + "+" + rz + ")&65535"); return;
            case SUB3: set(x, "(" + ry + "-" + rz + ")&65535"); return;
            case AND3: set(x, ry + "&" + rz); return;
            case OR3: set(x, ry + "|" + rz); return;
            case XOR3: set(x, ry + "^" + rz); return;
            case SHL3: set(x, "(" + ry + "<<(" + rz + "&15))&65535"); return;
            case SHR3: set(x, ry + ">>>(" + rz + "&15)"); return;
            case SAR3: set(x, "(" + ry + "<<16>>16>>(" + rz + "&15))&65535"); return;
            case MUL3: set(x, "Math.imul(" + ry + "," + rz + ")&65535"); return;
            case DIVU3: case REMU3:
                js.append("if(").append(rz).append("===0)").append(bail(b, at, done));
                set(x, (w & 0xFF) == DIVU3 ? "(" + ry + "/" + rz + ")|0" : ry + "%" + rz);
                return;
            case ADDI: set(x, "(" + ry + "+" + z + ")&65535"); return;
            case SUBI: set(x, "(" + ry + "-" + z + ")&65535"); return;
            case ANDI: set(x, ry + "&" + z); return;
            case ORI: set(x, ry + "|" + z); return;
            case XORI: set(x, ry + "^" + z); return;
            case SHLI: set(x, "(" + ry + "<<" + (z & 15) + ")&65535"); return;
            case SHRI: set(x, ry + ">>>" + (z & 15)); return;
            case SARI: set(x, "(" + ry + "<<16>>16>>" + (z & 15) + ")&65535"); return;
            case MULI: set(x, "Math.imul(" + ry + "," + z + ")&65535"); return;
            case CMP: flags(ry, rz); return;
            case CMPI: flags(ry, String.valueOf(z)); return;
            case TST: flags(ry + "&" + rz, String.valueOf(TST_B)); return;
            case TSTI: flags(ry + "&" + z, String.valueOf(TST_B)); return;
            case CMP_J: flags(ry, rz); branch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case CMPI_J: flags(ry, String.valueOf(z)); branch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case TST_J: flags(ry + "&" + rz, String.valueOf(TST_B)); branch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case TSTI_J: flags(ry + "&" + z, String.valueOf(TST_B)); branch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case NOT: set(x, "~" + ry + "&65535"); return;
            case NEG: set(x, "-" + ry + "&65535"); return;
            case ArmisticeKinds.SWAP: set(x, "(" + ry + ">>>8|" + ry + "<<8)&65535"); return;
            case LD: address(y, z); check(b, at, done, true, false); set(x, word()); return;
            case LDB: address(y, z); check(b, at, done, false, false); set(x, loadByte()); return;
            case ST: address(y, z); check(b, at, done, true, true); js.append("b=").append(reg(x)).append(';'); storeWord(); return;
            case STB: address(y, z); check(b, at, done, false, true); js.append("m[a]=").append(reg(x)).append(';'); return;
            case PUSH: pushWord(b, at, done, ry); return;
            case ArmisticeKinds.POP: popWord(b, at, done, x); return;
            case JMP: go(z); return;
            case JMP_R: goTo(ry); return;
            case CALL: case CALL_R: call(b, at, done, (w & 0xFF) == CALL_R, y, z, next); return;
            case ArmisticeKinds.RET: ret(b, at, done); return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    /** The two compared values become the lazy flags, and {@code a} and {@code b} for a fused jump. */
    private void flags(String first, String second) {
        js.append("a=").append(first).append(";b=").append(second).append(';');
        if (keepFlags) js.append("fa=a;fb=b;lazy=1;");
    }
}
