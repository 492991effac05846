package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;

import java.util.ArrayList;
import java.util.List;
import toyisa.intellio.IntellioOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;
import toyisa.isa.Row;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;

/**
 * Where the Armistice-on-Intellio translation of one block writes its host code: the host
 * registers' jobs, the instructions with what each stands for (the guest instruction, its place in
 * the block, the guest flags there), the stubs back to the dispatcher, and code placed after the
 * block (the stubs of rare paths). The layers above it each do one job: {@link RegisterAllocator},
 * {@link ArmisticeFlagCode}, {@link BigEndianWords}, and {@link ArmisticeTranslator}, the walk.
 *
 * <p>Host registers: a b d e f cache guest registers; c and fp are temporaries; sp counts guest
 * instructions (the dispatcher reads it, as r14 in the other direction): the host code uses no stack.
 */
abstract class IntellioHostEmitter {
    // Host registers.
    static final int HA = 0, HB = 1, HC = 2, HD = 3, HE = 4, HF = 5, HFP = 6, HSP = 7;
    static final int COUNT = HSP, T1 = HC, T2 = HFP;

    final GuestBlock block;
    final int base;
    final IntellioHostCode code = new IntellioHostCode();
    final List<Stub> stubs = new ArrayList<>();
    final List<Runnable> outOfLine = new ArrayList<>();
    /** The guest flags as the code emitted so far leaves them, and as a stop before the current instruction finds them. */
    ArmisticeFlags flags;
    ArmisticeFlags siteFlags;
    /** The host flags hold the current lazy compare. */
    boolean hostFlags;
    int index, curPc, curIndex;
    Instruction insn;

    IntellioHostEmitter(GuestBlock block, int base) {
        this.block = block;
        this.base = base;
    }

    // ------------------------------------------------------------------ emitting

    static Operand reg(int r) {
        return Operand.reg(r);
    }

    static Operand num(int v) {
        return Operand.num(v);
    }

    static Operand abs(int a) {
        return Operand.abs(a);
    }

    static Operand mem(int base, int disp) {
        return Operand.mem(base, disp);
    }

    Site here() {
        return new Site(curPc, curIndex, siteFlags, null, 0, 0, false);
    }

    void emit(IntellioOp op, String note, Operand... ops) {
        add(IntellioHostCode.form(op, ops), ops, here(), note);
    }

    void add(Row form, Operand[] ops, Site site, String note) {
        code.add(form, ops, site, note);
        if (form.effects().changed() != 0) hostFlags = false;
    }

    void emitForm(String form, String note, Operand... ops) {
        add(IntellioHostCode.named(form), ops, here(), note);
    }

    /** A guest memory access: host address minus {@code offset} is the guest's address. */
    void access(IntellioOp op, int offset, int length, boolean write, String note, Operand... ops) {
        add(IntellioHostCode.form(op, ops), ops, new Site(curPc, curIndex, siteFlags, null, offset, length, write), note);
    }

    void jump(String form, IntellioHostCode.Label target) {
        code.jump(form, target, here());
    }

    int stub(Stub s) {
        stubs.add(s);
        int at = code.size();
        code.add(IntellioHostCode.form(HLT), new Operand[0], here().withStub(s), null);
        return at;
    }
}
