package toyisa.vm;

import static org.objectweb.asm.Opcodes.*;
import static toyisa.vm.IntellioMachine.*;

import org.objectweb.asm.Label;

/**
 * Intellio instructions in bytecode, as {@code IntellioMachine.executeFast} does them: variable
 * lengths, little-endian words anywhere but at FFFFh, flags Z S C O from every ALU operation, kept
 * lazily as the operands of the last subtraction or addition ({@code fa}, {@code fb}) or explicitly
 * ({@code fz fs fc fo} with {@code fb = EXPLICIT}).
 */
final class IntellioCompiler extends RegionCompiler {
    IntellioCompiler(Machine machine, Region region) {
        super(machine, region, 9);
    }

    @Override
    String machineClass() {
        return "toyisa/vm/IntellioMachine";
    }

    @Override
    boolean zero(int k) {
        return k == ZERO;
    }

    @Override
    void instruction(Region.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + (w >>> 8 & 0xF)) & 0xFFFF;
        switch (w & 0xFF) {
            case MOV_RR: reg(y); store(x); return;
            case MOV_RI: push(z); store(x); return;
            case LD16: address(y, z); check(b, at, done, true, false); word(); store(x); return;
            case LD8: address(y, z); check(b, at, done, false, false); loadByte(0); store(x); return;
            case ST16: address(y, z); check(b, at, done, true, true); reg(x); storeWord(); return;
            case ST8: address(y, z); check(b, at, done, false, true); reg(x); save(B); storeByte(0, B, 0); return;
            // fa = a, fb = b | ADD_TAG: the flags of a + b.
            case ADD_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, ADD_TAG); load(A); load(B); op(IADD); mask(); store(x); return;
            case ADD_RI: reg(x); save(A); lazyConst(A, z | ADD_TAG); load(A); push(z); op(IADD); mask(); store(x); return;
            case SUB_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); load(A); load(B); op(ISUB); mask(); store(x); return;
            case SUB_RI: reg(x); save(A); lazyConst(A, z); load(A); push(z); op(ISUB); mask(); store(x); return;
            case CMP_RR: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); return;
            case CMP_RI: reg(x); save(A); lazyConst(A, z); return;
            case AND_RR: reg(x); reg(y); op(IAND); logic(x); return;
            case AND_RI: reg(x); push(z); op(IAND); logic(x); return;
            case OR_RR: reg(x); reg(y); op(IOR); logic(x); return;
            case OR_RI: reg(x); push(z); op(IOR); logic(x); return;
            case XOR_RR: reg(x); reg(y); op(IXOR); logic(x); return;
            case XOR_RI: reg(x); push(z); op(IXOR); logic(x); return;
            case TEST_RR: reg(x); reg(y); op(IAND); save(A); lazyConst(A, 0); return;
            case TEST_RI: reg(x); push(z); op(IAND); save(A); lazyConst(A, 0); return;
            case MUL_RR: reg(x); reg(y); op(IMUL); mask(); store(x); return;
            case MUL_RI: reg(x); push(z); op(IMUL); mask(); store(x); return;
            case SHL_RI: case SHR_RI: shift(w & 0xFF, x, z); return;
            case CMP_RR_J: reg(x); save(A); reg(y); save(B); lazy(A, B, 0); fusedBranch(w, at, z); return;
            case CMP_RI_J: reg(x); save(A); push(y); save(B); lazy(A, B, 0); fusedBranch(w, at, z); return;
            case TEST_RR_J: reg(x); reg(y); op(IAND); save(A); push(0); save(B); lazy(A, B, 0); fusedBranch(w, at, z); return;
            case TEST_RI_J: reg(x); push(y); op(IAND); save(A); push(0); save(B); lazy(A, B, 0); fusedBranch(w, at, z); return;
            case NOT: reg(x); push(-1); op(IXOR); mask(); store(x); return;
            case NEG: neg(x); return;
            case PUSH:
                reg(x); save(TARGET); // the value, read before sp moves (push sp pushes the old sp)
                reg(SP); push(2); op(ISUB); mask(); save(A);
                check(b, at, done, true, true);
                load(TARGET); storeWord();
                load(A); store(SP);
                return;
            case IntellioMachine.POP:
                reg(SP); save(A);
                check(b, at, done, true, false);
                reg(SP); push(2); op(IADD); mask(); store(SP);
                word(); store(x);
                return;
            case XCHG: reg(0); save(A); reg(y); store(0); load(A); store(y); return;
            case IntellioMachine.NOP: return;
            case JMP: go(z); return;
            case JMP_R: reg(y); leaveTo(); return;
            case CALL: case CALL_R: {
                if ((w & 0xFF) == CALL_R) { reg(y); save(TARGET); }
                reg(SP); push(2); op(ISUB); mask(); save(A);
                check(b, at, done, true, true);
                push(next); storeWord();
                load(A); store(SP);
                if ((w & 0xFF) == CALL) go(z);
                else { load(TARGET); leaveTo(); }
                return;
            }
            case IntellioMachine.RET:
                reg(SP); save(A);
                check(b, at, done, true, false);
                word(); save(TARGET);
                reg(SP); push(2); op(IADD); mask(); store(SP);
                load(TARGET); leaveTo();
                return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    /** fa = local a, fb = local b | tag. */
    private void lazy(int a, int b, int tag) {
        load(a); putField("fa", "I");
        load(b);
        if (tag != 0) { push(tag); op(IOR); }
        putField("fb", "I");
    }

    private void lazyConst(int a, int fb) {
        load(a); putField("fa", "I");
        push(fb); putField("fb", "I");
    }

    /** and/or/xor: the result d on the stack; the flags of cmp d, 0. */
    private void logic(int x) {
        save(A);
        lazyConst(A, 0);
        load(A);
        store(x);
    }

    /** shl/shr by 1..15: Z S C from the result, O kept (worked out first if kept lazily). */
    private void shift(int kind, int x, int n) {
        Label explicit = new Label();
        getField("fb", "I");
        push(EXPLICIT);
        jump(IF_ICMPEQ, explicit);
        mv.visitVarInsn(ALOAD, MC);
        mv.visitMethodInsn(INVOKEVIRTUAL, machineClass(), "keepOverflow", "()V", false);
        mark(explicit);
        reg(x); save(A);
        if (kind == SHL_RI) {
            load(A); push(n); op(ISHL); mask(); save(B);
            load(A); push(16 - n); op(IUSHR); push(1); op(IAND); putField("fc", "I");
        } else {
            load(A); push(n); op(IUSHR); save(B);
            load(A); push(n - 1); op(IUSHR); push(1); op(IAND); putField("fc", "I");
        }
        zs(B);
        load(B); store(x);
    }

    /** neg: explicit flags. */
    private void neg(int x) {
        push(EXPLICIT); putField("fb", "I");
        reg(x); save(A);
        load(A); op(INEG); mask(); save(B);
        zs(B);
        Label nonZero = new Label(), setC = new Label();
        load(A); jump(IFNE, nonZero);
        push(0); jump(GOTO, setC);
        mark(nonZero);
        push(1);
        mark(setC);
        putField("fc", "I");
        Label notMin = new Label(), setO = new Label();
        load(A); push(0x8000); jump(IF_ICMPNE, notMin);
        push(1); jump(GOTO, setO);
        mark(notMin);
        push(0);
        mark(setO);
        putField("fo", "I");
        load(B); store(x);
    }

    /** fz and fs from local d. */
    private void zs(int d) {
        Label nonZero = new Label(), set = new Label();
        load(d); jump(IFNE, nonZero);
        push(1); jump(GOTO, set);
        mark(nonZero);
        push(0);
        mark(set);
        putField("fz", "I");
        load(d); push(15); op(IUSHR); putField("fs", "I");
    }

    /** The fast loop's test of address A: the null page, a word at FFFFh, and for a write bytes of pre-decoded code. */
    private void check(Region.Block b, int at, int done, boolean word, boolean write) {
        Label bad = new Label(), ok = new Label();
        load(A); push(NULL_PAGE_END); jump(IF_ICMPLT, bad);
        if (word) { load(A); push(0xFFFF); jump(IF_ICMPEQ, bad); }
        if (write) {
            codeAt(0, bad);
            if (word) codeAt(1, bad);
        }
        jump(GOTO, ok);
        mark(bad);
        bail(b, at, done);
        mark(ok);
    }

    /** Pushes the little-endian word at A. */
    private void word() {
        loadByte(0);
        loadByte(1); push(8); op(ISHL);
        op(IOR);
    }

    /** Stores the value on the stack as a little-endian word at A. */
    private void storeWord() {
        save(B);
        storeByte(0, B, 0);
        storeByte(1, B, 8);
    }

    /** The fused jump after the compare just done, on A and B: taken to {@code target}, else past the jump. */
    private void fusedBranch(int w, int at, int target) {
        int cc = w >>> 16;
        int after = (at + (w >>> 8 & 0xF) + (w >>> 12 & 0xF)) & 0xFFFF;
        Label taken = new Label();
        jumpIfTaken(cc, taken);
        go(after);
        mark(taken);
        go(target);
    }
}
