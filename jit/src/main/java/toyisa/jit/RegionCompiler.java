package toyisa.jit;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import toyisa.vm.CompareBranch;
import toyisa.vm.Core;
import toyisa.vm.Machine;

/**
 * Compiles a {@link Region} to one JVM method, {@link RegionCode#run}: each guest register a local
 * (HotSpot then keeps it in a host register), each block a label, each direct jump inside the region
 * a {@code goto}, so a guest loop is a JVM loop. The entry and each block a loop comes back to first
 * check that the budget has room for the longest way on to the next such block
 * ({@link Region#roomChecks}), else the region leaves there and the interpreter counts the last
 * instructions one by one. What each instruction does is the CPU's: {@link #instruction}, in a subclass that
 * mirrors its core's fast loop operation by operation.
 */
abstract class RegionCompiler {
    static final String MACHINE = "toyisa/vm/Machine";
    private static final String LINKED = "toyisa/jit/LinkedRegion", REGION_CODE = "toyisa/jit/RegionCode";
    private static final String DESC = "(Ltoyisa/vm/Machine;[I[B[BI[L" + LINKED + ";I)I";
    // What the generated code names beyond the cores' flags: checked when the jit loads (FieldCheck).
    private static final FieldCheck.Member PC = new FieldCheck.Member(MACHINE, "pc", "I"),
            DEOPTIMISATIONS = new FieldCheck.Member(MACHINE, "deoptimisations", "J"),
            CODE_LO = new FieldCheck.Member(MACHINE, "codeLo", "I"), CODE_HI = new FieldCheck.Member(MACHINE, "codeHi", "I"),
            CODE = new FieldCheck.Member(LINKED, "code", "L" + REGION_CODE + ";"),
            LINKS = new FieldCheck.Member(LINKED, "next", "[L" + LINKED + ";"),
            USES = new FieldCheck.Member(LINKED, "uses", "J"),
            CHAINED = new FieldCheck.Member(LINKED, "chained", "J"),
            RUN = new FieldCheck.Member(REGION_CODE, "run", DESC);
    // Locals of run(mc, r, m, cb, room, next, depth), then the method's own.
    static final int MC = 1, R = 2, M = 3, CB = 4, ROOM = 5, NEXT = 6, DEPTH = 7,
            LEFT = 8, NPC = 9, A = 10, B = 11, TARGET = 12, LINK = 13, CALLEE = 14, REG0 = 15;

    /** One of the core's flag fields, kept in a local of the region while it runs. */
    record Flag(String field, String desc) {}

    /** The core's pre-decoded slots. */
    final int[] code;
    final JitCpu cpu;
    final Region region;
    MethodVisitor mv;
    private final Map<Integer, Label> labels = new HashMap<>();
    /** The direct exits' targets, numbered in the order they are met. */
    private final Map<Integer, Integer> exits = new LinkedHashMap<>();
    final Label exit = new Label();
    private final boolean[] written;
    private final String className;
    /** The room each checking block needs at its start ({@link Region#roomChecks}); other blocks check nothing. */
    private final Map<Integer, Integer> roomChecks;
    /** Per block, whether each of its instructions must leave its flags ({@link JitCpu#liveFlags}), over the whole region. */
    private final Map<Integer, boolean[]> liveFlags = new HashMap<>();
    /** Bits of the {@link #flagFields} the region writes or reads, each in its local ({@link #flag}) from entry to exit. */
    private final int flagsUsed;

    RegionCompiler(Core core, JitCpu cpu, Region region) {
        this.code = core.code();
        this.cpu = cpu;
        this.region = region.cut(cpu, code, start -> true);
        this.written = new boolean[cpu.registers()];
        this.roomChecks = this.region.roomChecks();
        Map<Integer, Boolean> liveOut = flagsLiveOut();
        int used = 0;
        for (Region.Block b : this.region.blocks.values()) {
            boolean[] live = cpu.liveFlags(code, b, liveOut.get(b.start()));
            liveFlags.put(b.start(), live);
            for (int i = 0; i < live.length; i++) if (live[i]) used |= flagsUsed(code[b.slots()[i] << 2] & 0xFF); // dead flags touch no field
        }
        this.flagsUsed = used;
        this.className = String.format(Locale.ROOT, "toyisa/vm/%sRegion%04X", core.isa().name(), region.entry);
    }

    /** Every field and method the generated code of either CPU names. */
    static List<FieldCheck.Member> members() {
        List<FieldCheck.Member> all = new ArrayList<>(List.of(PC, DEOPTIMISATIONS, CODE_LO, CODE_HI, CODE, LINKS, USES, CHAINED, RUN));
        all.addAll(ArmisticeCompiler.members());
        all.addAll(IntellioCompiler.members());
        return all;
    }

    /** The fields of {@code core} that hold the flags, as members. */
    static List<FieldCheck.Member> members(String core, Flag[] flags) {
        List<FieldCheck.Member> all = new ArrayList<>();
        for (Flag f : flags) all.add(new FieldCheck.Member(core, f.field(), f.desc()));
        return all;
    }

    /**
     * The flags' liveness at the end of each block, over the whole region: live where the region may
     * leave after the block, or where a block it may go to needs them at its start, which a block that
     * checks the budget does (it may leave there) and any other block does unless it overwrites them
     * before anything could see them ({@link JitCpu#liveFlags}).
     */
    private Map<Integer, Boolean> flagsLiveOut() {
        Map<Integer, Boolean> out = new HashMap<>();
        for (Region.Block b : region.blocks.values()) out.put(b.start(), region.leaves(b));
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Region.Block b : region.blocks.values()) {
                if (out.get(b.start())) continue;
                for (int s : region.successors(b)) {
                    Region.Block c = region.blocks.get(s);
                    boolean in = roomChecks.containsKey(s) || cpu.flagsLiveIn(code, c, out.get(s));
                    if (in) {
                        out.put(b.start(), true);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The core's flag fields, in the order of {@link #flag}. */
    abstract Flag[] flagFields();

    /** The flag fields an instruction of this kind sets or reads, as bits of {@link #flagFields}. */
    abstract int flagsUsed(int kind);

    /** The local that holds flag field {@code i} of {@link #flagFields} while the region runs. */
    final int flag(int i) {
        return REG0 + written.length + i;
    }

    /**
     * The local that holds the machine's {@code codeLo} (and the next one {@code codeHi}) while the
     * region runs; the three after them are a counted loop's passes to come, a scratch ({@link #proof})
     * and a bounded loop's proven passes to come ({@link #passes}).
     */
    private int codeLo() {
        return REG0 + written.length + flagFields().length;
    }

    /** The core's class, whose fields the compiled code reads and writes. */
    abstract String machineClass();

    /** True for a register slot that always reads 0 (Armistice r0, Intellio's base of absolute addresses). */
    final boolean zero(int k) {
        return cpu.zero(k);
    }

    /** One pre-decoded instruction, as the core's fast loop does it; {@code done} instructions of the block came before. */
    abstract void instruction(Region.Block b, int at, int done, int w, int x, int y, int z);

    final int sp() {
        return cpu.sp();
    }

    final boolean bigEndian() {
        return cpu.bigEndian();
    }

    /** Jumps to {@code bad} when the word at A is one the core refuses beyond the null page (misaligned, or at FFFFh). */
    abstract void badWord(Label bad);

    final RegionClass compile() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // the method's references never merge two different types
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, className, null, "java/lang/Object", new String[] {REGION_CODE});
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC, "run", DESC, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, MC);
        mv.visitTypeInsn(CHECKCAST, machineClass());
        mv.visitVarInsn(ASTORE, MC);
        for (int start : region.blocks.keySet()) labels.put(start, new Label());
        findBoundedLoops();
        // Every guest register into its local.
        for (int k = 0; k < written.length; k++) {
            if (zero(k)) continue;
            mv.visitVarInsn(ALOAD, R);
            push(k);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, REG0 + k);
        }
        // The flags too: a compare is then a move between locals, and the fields are written once, on the way out.
        Flag[] flags = flagFields();
        for (int i = 0; i < flags.length; i++) {
            if ((flagsUsed >>> i & 1) == 0) continue;
            getField(flags[i].field(), flags[i].desc());
            mv.visitVarInsn(ISTORE, flag(i));
        }
        // The window of marked code: only code runs while the region does, so nothing is marked meanwhile.
        mv.visitVarInsn(ALOAD, MC);
        field(GETFIELD, CODE_LO);
        mv.visitVarInsn(ISTORE, codeLo());
        mv.visitVarInsn(ALOAD, MC);
        field(GETFIELD, CODE_HI);
        mv.visitVarInsn(ISTORE, codeLo() + 1);
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(ISTORE, LEFT);
        push(region.entry);
        mv.visitVarInsn(ISTORE, NPC);
        push(-1);
        mv.visitVarInsn(ISTORE, LINK);
        for (Region.Block b : region.blocks.values()) block(b);
        for (BoundedLoop l : bounded) provenCopy(l);
        // The one way out (bail-outs included): registers and flags back, the PC, and the count.
        mv.visitLabel(exit);
        for (int k = 0; k < written.length; k++) {
            if (!written[k]) continue;
            mv.visitVarInsn(ALOAD, R);
            push(k);
            mv.visitVarInsn(ILOAD, REG0 + k);
            mv.visitInsn(IASTORE);
        }
        for (int i = 0; i < flags.length; i++) {
            if ((flagsUsed >>> i & 1) == 0) continue;
            mv.visitVarInsn(ILOAD, flag(i));
            putField(flags[i].field(), flags[i].desc());
        }
        mv.visitVarInsn(ALOAD, MC);
        mv.visitVarInsn(ILOAD, NPC);
        field(PUTFIELD, PC);
        chain();
        mv.visitVarInsn(ILOAD, ROOM);
        mv.visitVarInsn(ILOAD, LEFT);
        mv.visitInsn(ISUB);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        try {
            RegionCode code = (RegionCode) Core.instantiate(bytes);
            return new RegionClass(code, ClassBytes.runCodeSize(bytes), bytes, exits.keySet().stream().mapToInt(Integer::intValue).toArray());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load the compiled region at " + Integer.toHexString(region.entry), e);
        }
    }

    /**
     * After a direct exit (LINK is its number), the region in use at its target, if any, is called
     * right here, one call site per exit so that each stays monomorphic for HotSpot: the chain's count
     * is this region's plus that one's. Budget exits and bail-outs (LINK -1) return to the engine, and
     * so does a chain {@link RegionCode#MAX_CHAIN} calls deep.
     */
    private void chain() {
        if (exits.isEmpty()) return;
        Label plain = new Label();
        Label[] calls = new Label[exits.size()];
        for (int i = 0; i < calls.length; i++) calls[i] = new Label();
        load(DEPTH); push(RegionCode.MAX_CHAIN); jump(IF_ICMPGE, plain);
        load(LINK);
        mv.visitTableSwitchInsn(0, calls.length - 1, plain, calls);
        for (int i = 0; i < calls.length; i++) {
            mark(calls[i]);
            mv.visitVarInsn(ALOAD, NEXT); push(i); op(AALOAD); mv.visitVarInsn(ASTORE, CALLEE);
            mv.visitVarInsn(ALOAD, CALLEE); jump(IFNULL, plain);
            count(CALLEE, USES);
            count(CALLEE, CHAINED);
            load(ROOM); load(LEFT); op(ISUB);
            mv.visitVarInsn(ALOAD, CALLEE); field(GETFIELD, CODE);
            mv.visitVarInsn(ALOAD, MC); mv.visitVarInsn(ALOAD, R); mv.visitVarInsn(ALOAD, M); mv.visitVarInsn(ALOAD, CB);
            load(LEFT);
            mv.visitVarInsn(ALOAD, CALLEE); field(GETFIELD, LINKS);
            load(DEPTH); push(1); op(IADD);
            mv.visitMethodInsn(INVOKEINTERFACE, RUN.owner(), RUN.name(), RUN.desc(), true);
            op(IADD);
            op(IRETURN);
        }
        mark(plain);
    }

    /** callee.field++ (a long of the {@link LinkedRegion} in local {@code local}). */
    private void count(int local, FieldCheck.Member field) {
        mv.visitVarInsn(ALOAD, local);
        op(DUP);
        field(GETFIELD, field);
        op(LCONST_1);
        op(LADD);
        field(PUTFIELD, field);
    }

    private void field(int opcode, FieldCheck.Member field) {
        mv.visitFieldInsn(opcode, field.owner(), field.name(), field.desc());
    }

    // ------------------------------------------------------------------ blocks

    /** The block's last instruction as a counted loop's test ({@link CountedLoop}), or null. */
    abstract CountedLoop.Test loopTest(int w, int x, int y, int z);

    /** The step {@code k} when the instruction is add {@code r}, k, else null. */
    abstract CountedLoop.Operand step(int w, int x, int y, int z, int r);

    /** The instruction as a load or store of {@code [base + disp]}, or null. */
    abstract CountedLoop.Access access(int w, int x, int y, int z);

    /** Whether the CPU refuses words at odd addresses. */
    abstract boolean alignedWords();

    /** Whether the instruction being written must leave its flags ({@link JitCpu#liveFlags}): else their work is skipped. */
    boolean keepFlags = true;

    /** The counted loop being written, or null; the slot being compiled. */
    private CountedLoop loop;
    private int currentAt = -1;
    /** The bounded loops with a proven copy ({@link BoundedLoop}), and each by the starts of its blocks. */
    private final List<BoundedLoop> bounded = new ArrayList<>();
    private final Map<Integer, BoundedLoop> boundedAt = new HashMap<>();
    /** The bounded loop whose block is being written, or null. */
    private BoundedLoop within;

    /**
     * The region's loops that are neither counted loops nor hold a loop, whose loads or stores a
     * proven copy could do unchecked; what each stores is learnt by writing it once to nowhere.
     */
    private void findBoundedLoops() {
        Map<Integer, List<Integer>> loops = region.loops();
        for (List<Integer> body : loops.values()) {
            if (body.size() == 1 && CountedLoop.find(region.blocks.get(body.get(0)), code, this) != null) continue;
            BoundedLoop l = BoundedLoop.of(region, body, loops.keySet(), cpu.registers());
            if (l == null) continue;
            MethodVisitor real = mv;
            mv = new MethodVisitor(ASM9) {};
            within = l;
            for (Region.Block b : l.blocks) emit(b, new Label());
            within = null;
            mv = real;
            l.learnt();
            l.prove(code, this);
            if (l.unchecked.isEmpty()) continue;
            bounded.add(l);
            for (Region.Block b : l.blocks) boundedAt.put(b.start(), l);
        }
    }

    /** The proven copy of a bounded loop: it counts its passes down at the head, then goes back to the first copy. */
    private void provenCopy(BoundedLoop l) {
        within = l;
        l.copy = BoundedLoop.Copy.PROVEN;
        mark(l.top);
        mv.visitIincInsn(passes(), -1);
        load(passes());
        jump(IFLT, l.first);
        for (Region.Block b : l.blocks) emit(b, l.proven(b.start()));
        l.copy = BoundedLoop.Copy.FIRST;
        within = null;
    }

    /** The local that counts a bounded loop's proven passes down. */
    private int passes() {
        return codeLo() + 4;
    }

    /** The local that holds a counted loop's passes to come ({@link #proof}), counted down by its proven copy. */
    private int countedPasses() {
        return codeLo() + 2;
    }

    /** A block; a counted loop ({@link CountedLoop}) in up to three copies. */
    private void block(Region.Block b) {
        BoundedLoop bl = boundedAt.get(b.start());
        if (bl != null) {
            within = bl;
            if (b == bl.head) {
                mark(labels.get(b.start()));
                boundedProof(bl);
                emit(b, bl.first);
            } else {
                emit(b, labels.get(b.start()));
            }
            within = null;
            return;
        }
        CountedLoop l = CountedLoop.find(b, code, this);
        if (l == null) {
            emit(b, labels.get(b.start()));
            return;
        }
        // What the block stores, learnt by writing it once to nowhere.
        MethodVisitor real = mv;
        mv = new MethodVisitor(ASM9) {};
        loop = l;
        l.back = new Label();
        emit(b, new Label());
        mv = real;
        loop = null;
        l.learnt();
        if (!l.counted()) {
            emit(b, labels.get(b.start()));
            return;
        }
        l.prove(code, this);
        Label first = new Label(), guard = new Label(), counted = new Label(), proven = new Label();
        mark(labels.get(b.start()));
        if (!l.proven.isEmpty()) proof(l, proven);
        loop = l;
        l.back = guard;
        emit(b, first);
        mark(guard);
        operand(l.test.bound()); operand(l.step); op(IADD); push(0x10000);
        jump(IF_ICMPLE, counted);
        jump(GOTO, first);
        l.copy = CountedLoop.Copy.COUNTED;
        l.back = counted;
        emit(b, counted);
        if (!l.proven.isEmpty()) {
            l.copy = CountedLoop.Copy.PROVEN;
            l.back = proven;
            emit(b, proven);
        }
        loop = null;
    }

    /**
     * The test at a counted loop's entry: to {@code proven} when the budget has room for all the passes
     * still to come and none of them can fault or store into code, else on into the first copy. With n passes to come (one when r is
     * at or past the bound already), an induction v runs from v to v + n*step, which must stay at
     * or below FFFFh; each unchecked access then spans a known range of addresses, which must miss
     * the null page and the end of memory, be aligned for words where the CPU wants it, and for a
     * store miss the window of pre-decoded code.
     */
    private void proof(CountedLoop l, Label proven) {
        Label fail = new Label(), one = new Label(), passes = new Label();
        int n = countedPasses(), t = codeLo() + 3, r = l.test.r();
        CountedLoop.Operand k = l.step, bound = l.test.bound();
        if (k.register()) { operand(k); jump(IFEQ, fail); } // a zero step never ends
        reg(r); operand(bound); jump(IF_ICMPGE, one);
        operand(bound); reg(r); op(ISUB); operand(k); op(IADD); push(1); op(ISUB); operand(k); op(IDIV); save(n);
        jump(GOTO, passes);
        mark(one);
        push(1); save(n);
        mark(passes);
        // Room for every pass, and on to the next check after the last one.
        load(LEFT); load(n); push(l.block.length()); op(IMUL); push(roomChecks.get(l.block.start()) - l.block.length()); op(IADD);
        jump(IF_ICMPLT, fail);
        for (CountedLoop.Induction v : l.inductions) {
            load(n); operand(v.step()); op(IMUL); save(t); // below 2^32, so negative if past 2^31
            load(t); jump(IFLT, fail);
            reg(v.reg()); load(t); op(IADD); push(0xFFFF); jump(IF_ICMPGT, fail);
        }
        for (CountedLoop.Proven p : l.proven) {
            CountedLoop.Access a = p.access();
            CountedLoop.Induction v = p.induction();
            reg(a.base());
            if (p.afterAdd()) { operand(v.step()); op(IADD); }
            push(p.offset()); op(IADD); save(A);
            reg(a.base());
            if (v != null) {
                load(n);
                if (!p.afterAdd()) { push(1); op(ISUB); }
                operand(v.step()); op(IMUL); op(IADD);
            }
            push(p.offset() + (a.word() ? 1 : 0)); op(IADD); save(B);
            load(A); push(Machine.NULL_PAGE_END); jump(IF_ICMPLT, fail);
            load(B); push(0xFFFF); jump(IF_ICMPGT, fail);
            if (a.word() && alignedWords()) {
                load(A); push(1); op(IAND); jump(IFNE, fail);
                if (v != null && v.step().register()) { operand(v.step()); push(1); op(IAND); jump(IFNE, fail); }
            }
            if (a.write()) {
                Label clear = new Label();
                load(B); load(codeLo()); jump(IF_ICMPLT, clear);
                load(A); load(codeLo() + 1); jump(IF_ICMPGT, clear);
                jump(GOTO, fail);
                mark(clear);
            }
        }
        jump(GOTO, proven);
        mark(fail);
    }

    /**
     * The test at a bounded loop's head, entered from outside the loop: on to the proven copy with
     * the number of passes it may make, else into the first copy. Each pass takes at most the
     * longest pass's instructions and moves each induction by at most its step, so k passes are safe
     * when the budget has room for k - 1 longest passes and then the head's own need, no induction
     * passes FFFFh in k steps, and every unchecked access, from its address now to k steps on, misses
     * the null page and the end of memory, is aligned where the CPU wants words aligned, and for a
     * store misses the window of pre-decoded code.
     */
    private void boundedProof(BoundedLoop l) {
        Label fail = new Label();
        int k = passes(), t = codeLo() + 3;
        int need = roomChecks.get(l.head.start());
        load(LEFT); push(need); jump(IF_ICMPLT, fail);
        load(LEFT); push(need); op(ISUB); push(l.longestPass); op(IDIV); push(1); op(IADD); save(k);
        for (CountedLoop.Induction v : l.inductions) {
            if (v.step().register()) { operand(v.step()); jump(IFEQ, fail); } // a step of 0 divides nothing
            push(0xFFFF); reg(v.reg()); op(ISUB); operand(v.step()); op(IDIV); atMost(k, t);
        }
        for (CountedLoop.Proven p : l.unchecked) {
            CountedLoop.Access a = p.access();
            CountedLoop.Induction v = p.induction();
            int w = a.word() ? 1 : 0;
            reg(a.base()); push(p.offset()); op(IADD); save(A); // the lowest address: bases only go up
            load(A); push(Machine.NULL_PAGE_END); jump(IF_ICMPLT, fail);
            if (v == null) { load(A); push(0xFFFF - w); jump(IF_ICMPGT, fail); }
            else { push(0xFFFF - w); load(A); op(ISUB); operand(v.step()); op(IDIV); atMost(k, t); }
            if (a.word() && alignedWords()) {
                load(A); push(1); op(IAND); jump(IFNE, fail);
                if (v != null && v.step().register()) { operand(v.step()); push(1); op(IAND); jump(IFNE, fail); }
            }
            if (a.write()) {
                Label clear = new Label();
                load(A); load(codeLo() + 1); jump(IF_ICMPGT, clear); // above the window all the way
                if (v == null) {
                    load(A); push(w); op(IADD); load(codeLo()); jump(IF_ICMPLT, clear);
                    jump(GOTO, fail);
                } else { // else below it all the way: A + k*step + w < codeLo (k is 0 when A is not below)
                    load(codeLo()); push(1 + w); op(ISUB); load(A); op(ISUB); operand(v.step()); op(IDIV); atMost(k, t);
                }
                mark(clear);
            }
        }
        load(k); jump(IFLE, fail);
        jump(GOTO, l.top);
        mark(fail);
    }

    /** Local {@code k} = min(k, the value on the stack), through scratch local {@code t}. */
    private void atMost(int k, int t) {
        Label keep = new Label();
        save(t);
        load(t); load(k); jump(IF_ICMPGE, keep);
        load(t); save(k);
        mark(keep);
    }

    private void operand(CountedLoop.Operand o) {
        if (o.register()) reg(o.value());
        else push(o.value());
    }

    private void emit(Region.Block b, Label start) {
        mv.visitLabel(start);
        // Room to the next check, or leave at the start; a proven copy's test made room for all its passes.
        Integer need = roomChecks.get(b.start());
        boolean provenHead = loop != null && loop.copy == CountedLoop.Copy.PROVEN
                || within != null && within.copy == BoundedLoop.Copy.PROVEN && b == within.head;
        if (need != null && !provenHead) {
            Label room = new Label();
            mv.visitVarInsn(ILOAD, LEFT);
            push(need);
            mv.visitJumpInsn(IF_ICMPGE, room);
            leave(b.start(), 0);
            mv.visitLabel(room);
        }
        mv.visitIincInsn(LEFT, -b.length());
        int done = 0;
        boolean[] live = liveFlags.get(b.start());
        int[] slots = b.slots();
        for (int i = 0; i < slots.length; i++) {
            int at = slots[i], slot = at << 2;
            int w = code[slot];
            currentAt = at;
            keepFlags = live[i];
            instruction(b, at, done, w, code[slot + 1], code[slot + 2], code[slot + 3]);
            keepFlags = true;
            done += cpu.fused(w & 0xFF) ? 2 : 1;
        }
        if (b.end() == Region.End.FALL_THROUGH || b.end() == Region.End.HAND_BACK) go(b.next());
    }

    /** Leaves the region to run {@code pc} next, giving back the block's {@code undone} instructions. */
    final void leave(int pc, int undone) {
        if (undone != 0) mv.visitIincInsn(LEFT, undone);
        push(pc);
        mv.visitVarInsn(ISTORE, NPC);
        mv.visitJumpInsn(GOTO, exit);
    }

    /**
     * Goes to the address on the stack (an indirect jump, a return): to its block when the region has
     * one there (a return to the instruction after a call of the region, a loop through a register),
     * else out of the region.
     */
    final void leaveTo() {
        mv.visitVarInsn(ISTORE, NPC);
        int[] keys = region.blocks.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        Label[] targets = new Label[keys.length];
        for (int i = 0; i < keys.length; i++) targets[i] = labels.get(keys[i]);
        mv.visitVarInsn(ILOAD, NPC);
        mv.visitLookupSwitchInsn(exit, keys, targets);
    }

    /** Continues at guest {@code pc}: its block if the region has it, else out by a direct exit, which may chain. */
    final void go(int pc) {
        if (within != null && within.contains(pc)) { // inside a bounded loop: its head's copy (past the test), or the same copy's block
            boolean proven = within.copy == BoundedLoop.Copy.PROVEN;
            jump(GOTO, pc == within.head.start() ? (proven ? within.top : within.first) : proven ? within.proven(pc) : labels.get(pc));
            return;
        }
        Label l = labels.get(pc);
        if (l != null) {
            mv.visitJumpInsn(GOTO, l);
            return;
        }
        push(pc);
        mv.visitVarInsn(ISTORE, NPC);
        push(exits.computeIfAbsent(pc, k -> exits.size()));
        mv.visitVarInsn(ISTORE, LINK);
        mv.visitJumpInsn(GOTO, exit);
    }

    /** Stops before the instruction at {@code at}, the {@code done}-th of its block: the interpreter does it. */
    final void bail(Region.Block b, int at, int done) {
        mv.visitVarInsn(ALOAD, MC);
        mv.visitInsn(DUP);
        field(GETFIELD, DEOPTIMISATIONS);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        field(PUTFIELD, DEOPTIMISATIONS);
        leave(at, b.length() - done);
    }

    /** What a fused jump knows of B: a register's value (0..FFFFh), not a constant. */
    static final int B_REGISTER = -1;

    /**
     * Jumps to {@code taken} when the fused jump with portable condition {@code cc} is taken after
     * comparing locals A and B: {@link CompareBranch#taken} in bytecode. A is a register's value or
     * less; B is one too, or the constant {@code b} (up to 10000h, an Armistice test's). Knowing that,
     * zero and sign come from a plain compare of the two rather than from their 16-bit difference.
     */
    final void jumpIfTaken(int cc, int b, Label taken) {
        load(A);
        switch (cc) {
            case CompareBranch.CC_Z: case CompareBranch.CC_NZ:
                if (b == B_REGISTER) {
                    load(B);
                    jump(cc == CompareBranch.CC_Z ? IF_ICMPEQ : IF_ICMPNE, taken);
                } else if ((b & 0xFFFF) == 0) {
                    jump(cc == CompareBranch.CC_Z ? IFEQ : IFNE, taken);
                } else {
                    push(b & 0xFFFF);
                    jump(cc == CompareBranch.CC_Z ? IF_ICMPEQ : IF_ICMPNE, taken);
                }
                break;
            case CompareBranch.CC_LT: case CompareBranch.CC_GE: case CompareBranch.CC_GT: case CompareBranch.CC_LE:
                op(I2S);
                if (b == B_REGISTER) { load(B); op(I2S); } else push((short) b);
                jump(cc == CompareBranch.CC_LT ? IF_ICMPLT : cc == CompareBranch.CC_GE ? IF_ICMPGE : cc == CompareBranch.CC_GT ? IF_ICMPGT : IF_ICMPLE, taken);
                break;
            default: // unsigned: both values are 0..FFFFh (or 10000h for an Armistice test)
                if (b == B_REGISTER) load(B); else push(b);
                jump(cc == CompareBranch.CC_B ? IF_ICMPLT : cc == CompareBranch.CC_AE ? IF_ICMPGE : cc == CompareBranch.CC_A ? IF_ICMPGT : IF_ICMPLE, taken);
                break;
        }
    }

    // ------------------------------------------------------------------ registers, memory, constants

    /** Pushes guest register {@code k}. */
    final void reg(int k) {
        if (zero(k)) push(0);
        else mv.visitVarInsn(ILOAD, REG0 + k);
    }

    /** Pops into register {@code x}; a slot that reads 0 (a sink) drops it. */
    final void store(int x) {
        if (x >= written.length || zero(x)) {
            op(POP);
            return;
        }
        written[x] = true;
        if (loop != null) loop.stored(x);
        if (within != null) within.stored(x);
        mv.visitVarInsn(ISTORE, REG0 + x);
    }

    /** A = (r[base] + disp) & FFFFh; for an access a proven copy does unchecked, r[base] + offset, which does not wrap there. */
    final void address(int base, int disp) {
        CountedLoop.Proven p = unchecked();
        reg(base);
        push(p != null ? p.offset() : disp);
        op(IADD);
        if (p == null) mask();
        mv.visitVarInsn(ISTORE, A);
    }

    /** Pushes {@code array} and the index A + {@code offset}. */
    private void at(int array, int offset) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, A);
        if (offset != 0) {
            push(offset);
            op(IADD);
        }
    }

    /** Pushes the byte at A, zero-extended. */
    final void loadByte() {
        at(M, 0);
        op(BALOAD);
        push(0xFF);
        op(IAND);
    }

    /** Stores the low byte of the value on the stack at A. */
    final void storeByte() {
        save(B);
        at(M, 0);
        load(B);
        op(I2B);
        op(BASTORE);
    }

    /** Jumps to {@code bad} when a byte of pre-decoded code is at A + {@code offset}. */
    final void codeAt(int offset, Label bad) {
        at(CB, offset);
        op(BALOAD);
        mv.visitJumpInsn(IFNE, bad);
    }

    /** Pushes the word at A, in the CPU's byte order, as one access ({@link Words}). */
    final void word() {
        view();
        mv.visitVarInsn(ALOAD, M);
        load(A);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "get", "([BI)C", false); // a char: 0..FFFFh
    }

    /** Stores the value on the stack as a word at A, in the CPU's byte order, as one access ({@link Words}). */
    final void storeWord() {
        save(B);
        view();
        mv.visitVarInsn(ALOAD, M);
        load(A);
        load(B);
        op(I2C);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", "([BIC)V", false);
    }

    private void view() {
        mv.visitFieldInsn(GETSTATIC, Words.OWNER, bigEndian() ? "BIG" : "LITTLE", Words.VIEW);
    }

    /**
     * The fast loop's test of address A: the null page, a word the core refuses ({@link #badWord}),
     * and for a write bytes of pre-decoded code. Any of them: stop before the instruction. The marks
     * of a write are read only inside the window of marked addresses (codeLo..codeHi): outside it no
     * byte is marked, and the test is two compares of locals, which HotSpot can keep out of a loop.
     */
    final void check(Region.Block b, int at, int done, boolean word, boolean write) {
        if (unchecked() != null) return; // a proven copy ({@link #proof}, {@link #boundedProof})
        Label bad = new Label(), ok = new Label();
        load(A); push(Machine.NULL_PAGE_END); jump(IF_ICMPLT, bad);
        if (word) badWord(bad);
        if (write) {
            load(A); load(codeLo() + 1); jump(IF_ICMPGT, ok); // past the last marked byte
            load(A);
            if (word) { push(1); op(IADD); } // a word's second byte: never past FFFFh here (badWord)
            load(codeLo()); jump(IF_ICMPLT, ok); // before the first marked byte
            codeAt(0, bad);
            if (word) codeAt(1, bad);
        }
        jump(GOTO, ok);
        mark(bad);
        bail(b, at, done);
        mark(ok);
    }

    /** push: sp - 2 into A, checked, the value {@code value} pushes stored there, then sp = A. */
    final void pushWord(Region.Block b, int at, int done, Runnable value) {
        reg(sp()); push(2); op(ISUB); mask(); save(A);
        check(b, at, done, true, true);
        value.run();
        storeWord();
        load(A); store(sp());
    }

    /** pop: the word at sp, checked, on the stack; sp += 2. */
    final void popWord(Region.Block b, int at, int done) {
        reg(sp()); save(A);
        check(b, at, done, true, false);
        reg(sp()); push(2); op(IADD); mask(); store(sp());
        word();
    }

    /** call (to {@code z}, or to register {@code y} when {@code viaRegister}): push the return address {@code next}, then jump. */
    final void call(Region.Block b, int at, int done, boolean viaRegister, int y, int z, int next) {
        if (viaRegister) { reg(y); save(TARGET); } // read before sp moves
        pushWord(b, at, done, () -> push(next));
        if (!viaRegister) go(z);
        else { load(TARGET); leaveTo(); }
    }

    /** ret: pop the return address and leave the region for it. */
    final void ret(Region.Block b, int at, int done) {
        popWord(b, at, done);
        leaveTo();
    }

    /**
     * The fused jump after the compare of A and B ({@code b} the constant B holds, or
     * {@link #B_REGISTER}): to {@code target} when {@code cc} holds, else to {@code after}.
     */
    final void branch(int cc, int b, int target, int after) {
        if (loop != null && loop.copy == CountedLoop.Copy.PROVEN && target == loop.block.start()) {
            // The proof counted the passes exactly: the jump back is taken until they are used up.
            // A count down by one is a loop HotSpot knows how to count (no safepoint poll each pass).
            mv.visitIincInsn(countedPasses(), -1);
            load(countedPasses());
            jump(IFGT, loop.back);
            go(after);
            return;
        }
        Label taken = new Label();
        jumpIfTaken(cc, b, taken);
        go(after);
        mark(taken);
        if (loop != null && target == loop.block.start()) jump(GOTO, loop.back); // a counted loop's jump back (block)
        else go(target);
    }

    /** Masks a sum to 16 bits, except an add that never passes FFFFh: a counted loop's in its second copy ({@link #block}), an induction's in a proven copy. */
    final void maskSum() {
        if (loop != null ? !loop.unmaskedAdd(currentAt) : within == null || !within.unmaskedAdd(currentAt)) mask();
    }

    /** The access at the slot being compiled, when the copy being written does it unchecked; else null. */
    private CountedLoop.Proven unchecked() {
        if (loop != null) return loop.unchecked(currentAt);
        return within == null ? null : within.unchecked(currentAt);
    }

    final void mask() {
        push(0xFFFF);
        op(IAND);
    }

    final void op(int opcode) {
        mv.visitInsn(opcode);
    }

    final void jump(int opcode, Label l) {
        mv.visitJumpInsn(opcode, l);
    }

    final void load(int local) {
        mv.visitVarInsn(ILOAD, local);
    }

    final void save(int local) {
        mv.visitVarInsn(ISTORE, local);
    }

    final void mark(Label l) {
        mv.visitLabel(l);
    }

    /** machine.field = the int (or boolean) on the stack. */
    final void putField(String name, String desc) {
        mv.visitVarInsn(ALOAD, MC);
        mv.visitInsn(SWAP);
        mv.visitFieldInsn(PUTFIELD, machineClass(), name, desc);
    }

    /** Pushes machine.field. */
    final void getField(String name, String desc) {
        mv.visitVarInsn(ALOAD, MC);
        mv.visitFieldInsn(GETFIELD, machineClass(), name, desc);
    }

    final void push(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }
}
