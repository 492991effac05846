package toyisa.vm;

import static org.objectweb.asm.Opcodes.*;
import static toyisa.vm.ArmisticeMachine.*;
import static toyisa.vm.CompareBranch.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Compiles an {@link ArmisticeRegion} to one JVM method, {@link RegionCode#run}: each guest
 * register a local (HotSpot then keeps it in a host register), each block a label, each direct jump
 * inside the region a {@code goto}, so a loop is a JVM loop. The guest semantics are the fast loop's,
 * operation by operation ({@code ArmisticeMachine.executeFast}); a block first checks that the
 * budget has room for all of it, else the region leaves at its start and the interpreter counts the
 * last instructions one by one.
 */
final class ArmisticeCompiler {
    private static final String MACHINE = "toyisa/vm/ArmisticeMachine";
    private static final String DESC = "(Ltoyisa/vm/ArmisticeMachine;[I[B[BI)I";
    // Locals of run(mc, r, m, cb, room).
    private static final int MC = 1, R = 2, M = 3, CB = 4, ROOM = 5, LEFT = 6, NPC = 7, A = 8, B = 9, TARGET = 10, REG0 = 11;
    private static final int TST_B = 0x10000;

    /** A compiled region: the code to call, and its bytecode's size. */
    record Compiled(RegionCode code, int bytecodeSize, byte[] classBytes) {}

    private final ArmisticeMachine machine;
    private final ArmisticeRegion region;
    private MethodVisitor mv;
    private final Map<Integer, Label> labels = new HashMap<>();
    private final Label exit = new Label();
    private final boolean[] written = new boolean[16];
    private final String className;

    private ArmisticeCompiler(ArmisticeMachine machine, ArmisticeRegion region) {
        this.machine = machine;
        this.region = region;
        this.className = String.format(java.util.Locale.ROOT, "toyisa/vm/CompiledRegion%04X", region.entry);
    }

    static Compiled compile(ArmisticeMachine machine, ArmisticeRegion region) {
        return new ArmisticeCompiler(machine, region).compile();
    }

    /** The class javap-style, for the log. */
    static String listing(byte[] classBytes) {
        StringWriter w = new StringWriter();
        new ClassReader(classBytes).accept(new TraceClassVisitor(new PrintWriter(w)), ClassReader.SKIP_DEBUG);
        return w.toString();
    }

    private Compiled compile() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // the method's references never merge two different types
            }
        };
        String name = className;
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {"toyisa/vm/RegionCode"});
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC, "run", DESC, null, null);
        mv.visitCode();
        for (int start : region.blocks.keySet()) labels.put(start, new Label());
        // Every guest register the region uses, into its local.
        for (int k = 1; k < 16; k++) {
            mv.visitVarInsn(ALOAD, R);
            push(k);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, REG0 + k);
        }
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(ISTORE, LEFT);
        push(region.entry);
        mv.visitVarInsn(ISTORE, NPC);
        for (ArmisticeRegion.Block b : region.blocks.values()) block(b);
        // The one way out: registers back, the PC, and the count.
        mv.visitLabel(exit);
        for (int k = 1; k < 16; k++) {
            if (!written[k]) continue;
            mv.visitVarInsn(ALOAD, R);
            push(k);
            mv.visitVarInsn(ILOAD, REG0 + k);
            mv.visitInsn(IASTORE);
        }
        mv.visitVarInsn(ALOAD, MC);
        mv.visitVarInsn(ILOAD, NPC);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "pc", "I");
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(ILOAD, LEFT);
        mv.visitInsn(ISUB);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, false);
            RegionCode code = (RegionCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
            return new Compiled(code, bytecodeSize(bytes), bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load the compiled region at " + Integer.toHexString(region.entry), e);
        }
    }

    /** The length of the {@code run} method's code, in bytes: what HotSpot's limits on compiled methods count. */
    static int bytecodeSize(byte[] classBytes) {
        ClassReader cr = new ClassReader(classBytes);
        char[] buf = new char[cr.getMaxStringLength()];
        int at = cr.header + 6;
        at += 2 + 2 * cr.readUnsignedShort(at); // interfaces
        int fields = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < fields; i++) at = skipMember(cr, at);
        int methods = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = cr.readUTF8(at + 2, buf);
            int attributes = cr.readUnsignedShort(at + 6);
            int p = at + 8;
            for (int k = 0; k < attributes; k++) {
                if (name.equals("run") && cr.readUTF8(p, buf).equals("Code")) return cr.readInt(p + 10);
                p += 6 + cr.readInt(p + 2);
            }
            at = p;
        }
        return 0;
    }

    private static int skipMember(ClassReader cr, int at) {
        int attributes = cr.readUnsignedShort(at + 6);
        int p = at + 8;
        for (int k = 0; k < attributes; k++) p += 6 + cr.readInt(p + 2);
        return p;
    }

    // ------------------------------------------------------------------ blocks

    private void block(ArmisticeRegion.Block b) {
        mv.visitLabel(labels.get(b.start()));
        // Room for the whole block, or leave at its start.
        Label room = new Label();
        mv.visitVarInsn(ILOAD, LEFT);
        push(b.length());
        mv.visitJumpInsn(IF_ICMPGE, room);
        leave(b.start(), 0);
        mv.visitLabel(room);
        mv.visitIincInsn(LEFT, -b.length());
        int done = 0;
        for (int at : b.slots()) {
            int slot = at << 2;
            int w = machine.code[slot];
            int x = machine.code[slot + 1], y = machine.code[slot + 2], z = machine.code[slot + 3];
            instruction(b, at, done, w, x, y, z);
            done += ArmisticeRegion.fused(w & 0xFF) ? 2 : 1;
        }
        switch (b.end()) {
            case FALL_THROUGH: case HAND_BACK:
                go(b.next());
                break;
            default:
                break; // the last instruction jumped
        }
    }

    /** Leaves the region to run {@code pc} next, giving back the block's {@code undone} instructions. */
    private void leave(int pc, int undone) {
        if (undone != 0) mv.visitIincInsn(LEFT, undone);
        push(pc);
        mv.visitVarInsn(ISTORE, NPC);
        mv.visitJumpInsn(GOTO, exit);
    }

    /** Continues at guest {@code pc}: its block if the region has it, else out. */
    private void go(int pc) {
        Label l = labels.get(pc);
        if (l != null) mv.visitJumpInsn(GOTO, l);
        else leave(pc, 0);
    }

    /** Stops before the instruction at {@code at}, the {@code done}-th of its block: the interpreter does it. */
    private void bail(ArmisticeRegion.Block b, int at, int done) {
        mv.visitVarInsn(ALOAD, MC);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, MACHINE, "bailouts", "J");
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "bailouts", "J");
        leave(at, b.length() - done);
    }

    private void instruction(ArmisticeRegion.Block b, int at, int done, int w, int x, int y, int z) {
        int next = (at + 4) & 0xFFFF;
        switch (w & 0xFF) {
            case ArmisticeMachine.NOP: return;
            case MOV: reg(y); store(x); return;
            case MOVI: push(z); store(x); return;
            case ADD3: reg(y); reg(z); op(IADD); mask(); store(x); return;
            case SUB3: reg(y); reg(z); op(ISUB); mask(); store(x); return;
            case AND3: reg(y); reg(z); op(IAND); store(x); return;
            case OR3: reg(y); reg(z); op(IOR); store(x); return;
            case XOR3: reg(y); reg(z); op(IXOR); store(x); return;
            case SHL3: reg(y); reg(z); push(15); op(IAND); op(ISHL); mask(); store(x); return;
            case SHR3: reg(y); reg(z); push(15); op(IAND); op(IUSHR); store(x); return;
            case SAR3: reg(y); op(I2S); reg(z); push(15); op(IAND); op(ISHR); mask(); store(x); return;
            case MUL3: reg(y); reg(z); op(IMUL); mask(); store(x); return;
            case DIVU3: case REMU3: {
                Label ok = new Label();
                reg(z);
                mv.visitJumpInsn(IFNE, ok);
                bail(b, at, done);
                mv.visitLabel(ok);
                reg(y); reg(z); op((w & 0xFF) == DIVU3 ? IDIV : IREM); store(x);
                return;
            }
            case ADDI: reg(y); push(z); op(IADD); mask(); store(x); return;
            case SUBI: reg(y); push(z); op(ISUB); mask(); store(x); return;
            case ANDI: reg(y); push(z); op(IAND); store(x); return;
            case ORI: reg(y); push(z); op(IOR); store(x); return;
            case XORI: reg(y); push(z); op(IXOR); store(x); return;
            case SHLI: reg(y); push(z & 15); op(ISHL); mask(); store(x); return;
            case SHRI: reg(y); push(z & 15); op(IUSHR); store(x); return;
            case SARI: reg(y); op(I2S); push(z & 15); op(ISHR); mask(); store(x); return;
            case MULI: reg(y); push(z); op(IMUL); mask(); store(x); return;
            case CMP: reg(y); reg(z); flags(); return;
            case CMPI: reg(y); push(z); flags(); return;
            case TST: reg(y); reg(z); op(IAND); push(TST_B); flags(); return;
            case TSTI: reg(y); push(z); op(IAND); push(TST_B); flags(); return;
            case CMP_J: reg(y); reg(z); fusedBranch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case CMPI_J: reg(y); push(z); fusedBranch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case TST_J: reg(y); reg(z); op(IAND); push(TST_B); fusedBranch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case TSTI_J: reg(y); push(z); op(IAND); push(TST_B); fusedBranch(w >>> 16, x, (at + 8) & 0xFFFF); return;
            case NOT: reg(y); push(-1); op(IXOR); mask(); store(x); return;
            case NEG: reg(y); op(INEG); mask(); store(x); return;
            case ArmisticeMachine.SWAP: // (v >>> 8 | v << 8) & 0xFFFF
                reg(y); push(8); op(IUSHR); reg(y); push(8); op(ISHL); op(IOR); mask(); store(x);
                return;
            case LD:
                address(y, z);
                check(b, at, done, true, false);
                word();
                store(x);
                return;
            case LDB:
                address(y, z);
                check(b, at, done, false, false);
                mv.visitVarInsn(ALOAD, M);
                mv.visitVarInsn(ILOAD, A);
                op(BALOAD);
                push(0xFF);
                op(IAND);
                store(x);
                return;
            case ST:
                address(y, z);
                check(b, at, done, true, true);
                reg(x);
                storeWord();
                return;
            case STB:
                address(y, z);
                check(b, at, done, false, true);
                mv.visitVarInsn(ALOAD, M);
                mv.visitVarInsn(ILOAD, A);
                reg(x);
                op(I2B);
                op(BASTORE);
                return;
            case PUSH:
                reg(15); push(2); op(ISUB); mask(); mv.visitVarInsn(ISTORE, A);
                check(b, at, done, true, true);
                reg(y);
                storeWord();
                mv.visitVarInsn(ILOAD, A);
                store(15);
                return;
            case ArmisticeMachine.POP:
                reg(15); mv.visitVarInsn(ISTORE, A);
                check(b, at, done, true, false);
                reg(15); push(2); op(IADD); mask(); store(15);
                word();
                store(x);
                return;
            case JMP:
                go(z);
                return;
            case JMP_R:
                reg(y);
                mv.visitVarInsn(ISTORE, NPC);
                mv.visitJumpInsn(GOTO, exit);
                return;
            case CALL: case CALL_R: {
                if ((w & 0xFF) == CALL_R) { reg(y); mv.visitVarInsn(ISTORE, TARGET); } // the target, read before sp moves
                reg(15); push(2); op(ISUB); mask(); mv.visitVarInsn(ISTORE, A);
                check(b, at, done, true, true);
                push(next);
                storeWord();
                mv.visitVarInsn(ILOAD, A);
                store(15);
                if ((w & 0xFF) == CALL) {
                    go(z);
                } else {
                    mv.visitVarInsn(ILOAD, TARGET);
                    mv.visitVarInsn(ISTORE, NPC);
                    mv.visitJumpInsn(GOTO, exit);
                }
                return;
            }
            case ArmisticeMachine.RET:
                reg(15); mv.visitVarInsn(ISTORE, A);
                check(b, at, done, true, false);
                word();
                mv.visitVarInsn(ISTORE, NPC);
                reg(15); push(2); op(IADD); mask(); store(15);
                mv.visitJumpInsn(GOTO, exit);
                return;
            default:
                throw new IllegalStateException("not a compiled kind: " + (w & 0xFF));
        }
    }

    /** A = (r[y] + disp) & FFFFh. */
    private void address(int y, int disp) {
        reg(y);
        push(disp);
        op(IADD);
        mask();
        mv.visitVarInsn(ISTORE, A);
    }

    /**
     * The fast loop's test of address A: the null page, a misaligned word, and for a write bytes of
     * pre-decoded code. Any of them: stop before the instruction.
     */
    private void check(ArmisticeRegion.Block b, int at, int done, boolean word, boolean write) {
        Label bad = new Label(), ok = new Label();
        mv.visitVarInsn(ILOAD, A);
        push(NULL_PAGE_END);
        mv.visitJumpInsn(IF_ICMPLT, bad);
        if (word) {
            mv.visitVarInsn(ILOAD, A);
            push(1);
            op(IAND);
            mv.visitJumpInsn(IFNE, bad);
        }
        if (write) {
            mv.visitVarInsn(ALOAD, CB);
            mv.visitVarInsn(ILOAD, A);
            op(BALOAD);
            mv.visitJumpInsn(IFNE, bad);
            if (word) {
                mv.visitVarInsn(ALOAD, CB);
                mv.visitVarInsn(ILOAD, A);
                push(1);
                op(IADD);
                op(BALOAD);
                mv.visitJumpInsn(IFNE, bad);
            }
        }
        mv.visitJumpInsn(GOTO, ok);
        mv.visitLabel(bad);
        bail(b, at, done);
        mv.visitLabel(ok);
    }

    /** Pushes the big-endian word at A. */
    private void word() {
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, A);
        op(BALOAD);
        push(0xFF);
        op(IAND);
        push(8);
        op(ISHL);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, A);
        push(1);
        op(IADD);
        op(BALOAD);
        push(0xFF);
        op(IAND);
        op(IOR);
    }

    /** Stores the value on the stack as a big-endian word at A. */
    private void storeWord() {
        mv.visitVarInsn(ISTORE, B);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, A);
        mv.visitVarInsn(ILOAD, B);
        push(8);
        op(IUSHR);
        op(I2B);
        op(BASTORE);
        mv.visitVarInsn(ALOAD, M);
        mv.visitVarInsn(ILOAD, A);
        push(1);
        op(IADD);
        mv.visitVarInsn(ILOAD, B);
        op(I2B);
        op(BASTORE);
    }

    /** The two compared values on the stack become the machine's lazy flags. */
    private void flags() {
        mv.visitVarInsn(ISTORE, B);
        mv.visitVarInsn(ISTORE, A);
        setFlags();
    }

    private void setFlags() {
        mv.visitVarInsn(ALOAD, MC);
        mv.visitVarInsn(ILOAD, A);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "fa", "I");
        mv.visitVarInsn(ALOAD, MC);
        mv.visitVarInsn(ILOAD, B);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "fb", "I");
        mv.visitVarInsn(ALOAD, MC);
        push(1);
        mv.visitFieldInsn(PUTFIELD, MACHINE, "lazy", "Z");
    }

    /** A fused compare and jump: the flags, then the condition of {@link CompareBranch#taken} on A and B. */
    private void fusedBranch(int cc, int target, int after) {
        flags();
        Label taken = new Label();
        mv.visitVarInsn(ILOAD, A);
        switch (cc) {
            case CC_Z: case CC_NZ:
                mv.visitVarInsn(ILOAD, B);
                op(ISUB);
                mask();
                mv.visitJumpInsn(cc == CC_Z ? IFEQ : IFNE, taken);
                break;
            case CC_LT: case CC_GE: case CC_GT: case CC_LE:
                op(I2S);
                mv.visitVarInsn(ILOAD, B);
                op(I2S);
                mv.visitJumpInsn(cc == CC_LT ? IF_ICMPLT : cc == CC_GE ? IF_ICMPGE : cc == CC_GT ? IF_ICMPGT : IF_ICMPLE, taken);
                break;
            default: // unsigned: both values are 0..FFFFh (or 10000h for a test)
                mv.visitVarInsn(ILOAD, B);
                mv.visitJumpInsn(cc == CC_B ? IF_ICMPLT : cc == CC_AE ? IF_ICMPGE : cc == CC_A ? IF_ICMPGT : IF_ICMPLE, taken);
                break;
        }
        go(after);
        mv.visitLabel(taken);
        go(target);
    }

    // ------------------------------------------------------------------ registers and constants

    /** Pushes guest register {@code k}; r0 reads 0. */
    private void reg(int k) {
        if (k == 0) push(0);
        else mv.visitVarInsn(ILOAD, REG0 + k);
    }

    /** Pops into register {@code x}; the sink (a write to r0) drops it. */
    private void store(int x) {
        if (x == 0 || x >= 16) {
            op(org.objectweb.asm.Opcodes.POP);
            return;
        }
        written[x] = true;
        mv.visitVarInsn(ISTORE, REG0 + x);
    }

    private void mask() {
        push(0xFFFF);
        op(IAND);
    }

    private void op(int opcode) {
        mv.visitInsn(opcode);
    }

    private void push(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }
}
