package toyisa.jit;

import static toyisa.vm.IntellioKinds.*;

import toyisa.vm.Core;
import toyisa.vm.IntellioKinds;

/**
 * Intellio instructions in JavaScript, as {@link IntellioCompiler} writes them in bytecode and
 * {@code IntellioMachine.executeFast} does them: little-endian words anywhere but at FFFFh, flags
 * Z S C O kept lazily as the operands of the last subtraction or addition ({@code fa}, {@code fb})
 * or explicitly ({@code fz fs fc fo} with {@code fb = EXPLICIT}).
 */
final class IntellioScript extends ScriptCompiler {
    private static final String[] FLAGS = {"fa", "fb", "fz", "fs", "fc", "fo"};
    IntellioScript(Core core, JitCpu cpu, Region region) {
        super(core, cpu, region);
    }

    @Override
    String[] flagNames() {
        return FLAGS;
    }

    @Override
    String badWord() {
        return "a===65535"; // its second byte would be past the end of memory
    }

    @Override
    void instruction(Region.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + (w >>> 8 & 0xF)) & 0xFFFF;
        String rx = reg(x), ry = reg(y);
        switch (w & 0xFF) {
            case MOV_RR: set(x, ry); return;
            case MOV_RI: set(x, String.valueOf(z)); return;
            case LD16: address(y, z); check(b, at, done, true, false); set(x, word()); return;
            case LD8: address(y, z); check(b, at, done, false, false); set(x, loadByte()); return;
            case ST16: address(y, z); check(b, at, done, true, true); js.append("b=").append(rx).append(';'); storeWord(); return;
            case ST8: address(y, z); check(b, at, done, false, true); js.append("m[a]=").append(rx).append(';'); return;
            // fa = a, fb = b | ADD_TAG: the flags of a + b.
            case ADD_RR: lazy(rx, ry, ADD_TAG); set(x, "(a+b)&65535"); return;
            case ADD_RI: lazy(rx, String.valueOf(z), ADD_TAG); set(x, "(a+" + z + ")&65535"); return;
            case SUB_RR: lazy(rx, ry, 0); set(x, "(a-b)&65535"); return;
            case SUB_RI: lazy(rx, String.valueOf(z), 0); set(x, "(a-" + z + ")&65535"); return;
            case CMP_RR: lazy(rx, ry, 0); return;
            case CMP_RI: lazy(rx, String.valueOf(z), 0); return;
            case AND_RR: logic(x, rx + "&" + ry); return;
            case AND_RI: logic(x, rx + "&" + z); return;
            case OR_RR: logic(x, rx + "|" + ry); return;
            case OR_RI: logic(x, rx + "|" + z); return;
            case XOR_RR: logic(x, rx + "^" + ry); return;
            case XOR_RI: logic(x, rx + "^" + z); return;
            case TEST_RR: lazy(rx + "&" + ry, "0", 0); return;
            case TEST_RI: lazy(rx + "&" + z, "0", 0); return;
            case MUL_RR: set(x, "Math.imul(" + rx + "," + ry + ")&65535"); return;
            case MUL_RI: set(x, "Math.imul(" + rx + "," + z + ")&65535"); return;
            case SHL_RI: case SHR_RI: shift(w & 0xFF, x, z); return;
            case CMP_RR_J: lazy(rx, ry, 0); fusedBranch(w, at, z); return;
            case CMP_RI_J: lazy(rx, String.valueOf(y), 0); fusedBranch(w, at, z); return;
            case TEST_RR_J: lazy(rx + "&" + ry, "0", 0); fusedBranch(w, at, z); return;
            case TEST_RI_J: lazy(rx + "&" + y, "0", 0); fusedBranch(w, at, z); return;
            case NOT: set(x, "~" + rx + "&65535"); return;
            case NEG: neg(x); return;
            case PUSH: pushWord(b, at, done, rx); return; // read before sp is stored: push sp pushes the old sp
            case IntellioKinds.POP: popWord(b, at, done, x); return;
            case XCHG: js.append("a=").append(reg(0)).append(';'); set(0, ry); set(y, "a"); return;
            case IntellioKinds.NOP: return;
            case JMP: go(z); return;
            case JMP_R: goTo(ry); return;
            case CALL: case CALL_R: call(b, at, done, (w & 0xFF) == CALL_R, y, z, next); return;
            case IntellioKinds.RET: ret(b, at, done); return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    /** a and b the operands, fa = a, fb = b | tag: the lazy flags. */
    private void lazy(String first, String second, int tag) {
        js.append("a=").append(first).append(";b=").append(second).append(';');
        if (!keepFlags) return;
        js.append("fa=a;fb=b");
        if (tag != 0) js.append('|').append(tag);
        js.append(';');
    }

    /** and/or/xor: the flags of cmp d, 0. */
    private void logic(int x, String d) {
        if (!keepFlags) {
            set(x, d);
            return;
        }
        js.append("a=").append(d).append(";fa=a;fb=0;");
        set(x, "a");
    }

    /** shl/shr by 1..15: Z S C from the result, O kept (worked out first if kept lazily: {@code IntellioMachine.overflow}). */
    private void shift(int kind, int x, int n) {
        if (!keepFlags) {
            set(x, kind == SHL_RI ? "(" + reg(x) + "<<" + n + ")&65535" : reg(x) + ">>>" + n);
            return;
        }
        js.append("if(fb!==").append(EXPLICIT).append("){if(fb>>>16===0){t=(fa-fb)&65535;fo=((fa^fb)&(fa^t)&32768)>>>15;}")
                .append("else{b=fb&65535;t=(fa+b)&65535;fo=((fa^t)&(b^t)&32768)>>>15;}fb=").append(EXPLICIT).append(";}");
        js.append("a=").append(reg(x)).append(';');
        if (kind == SHL_RI) js.append("b=(a<<").append(n).append(")&65535;fc=a>>>").append(16 - n).append("&1;");
        else js.append("b=a>>>").append(n).append(";fc=a>>>").append(n - 1).append("&1;");
        js.append("fz=b===0?1:0;fs=b>>>15;");
        set(x, "b");
    }

    /** neg: explicit flags. */
    private void neg(int x) {
        if (!keepFlags) {
            set(x, "-" + reg(x) + "&65535");
            return;
        }
        js.append("fb=").append(EXPLICIT).append(";a=").append(reg(x)).append(";b=-a&65535;fz=b===0?1:0;fs=b>>>15;fc=a!==0?1:0;fo=a===32768?1:0;");
        set(x, "b");
    }

    /** The fused jump after the compare just done, on a and b: taken to {@code target}, else past the jump. */
    private void fusedBranch(int w, int at, int target) {
        branch(w >>> 16, target, (at + (w >>> 8 & 0xF) + (w >>> 12 & 0xF)) & 0xFFFF);
    }
}
