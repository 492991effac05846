package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;
import static toyisa.translate.StatePage.*;

import toyisa.armistice.ArmisticeOp;
import toyisa.isa.Instruction;
import toyisa.isa.Operand;

/**
 * Flags N Z C V set only by {@code cmp}/{@code tst}, on a host whose every ALU instruction writes
 * Z S C O. A guest {@code cmp}/{@code tst} becomes a host {@code cmp}/{@code test}, and a following
 * guest jump a host jump on the same condition — guest {@code jb} ("C clear": no carry means a
 * borrow on Armistice) is host {@code jb} ("C set": the borrow itself). The translator remembers the
 * guest flags as "the compare of these guest registers" ({@link ArmisticeFlags}); host arithmetic
 * in between destroys the host flags but not the guest's, so the jump compares again. Where the
 * flags must outlive their operands or the block, the compare's kind and operand values are saved in
 * the state page, from which a later block compares again.
 */
abstract class ArmisticeFlagCode extends RegisterAllocator {
    int flagSaves;

    ArmisticeFlagCode(GuestBlock block, int base, boolean keepRegisters) {
        super(block, base, keepRegisters);
    }

    /**
     * True unless a compare comes before anything that reads the flags: a jump on them, or the end
     * of the block (the next block may read them). Before that compare the flags are not known to
     * the block's code (a report there finds them by replay).
     */
    static boolean readsFlagsOnEntry(GuestBlock block) {
        for (Instruction g : block.instructions) {
            ArmisticeOp op = (ArmisticeOp) g.row().op();
            if (op == ArmisticeOp.CMP || op == ArmisticeOp.TST) return false;
            if (g.row().condition() != null) return true;
        }
        return block.end == GuestBlock.End.CONTROL || block.end == GuestBlock.End.LIMIT;
    }

    /** Saves the lazy guest flags in the state page: the compare's kind and operand values. */
    void saveFlags() {
        ArmisticeFlags f = flags;
        flagSaves++;
        // The first instruction is three bytes long: chaining may overwrite it with a jmp.
        emitForm("mov.i16", "guest flags: " + (f.kind() == ArmisticeFlags.CMP ? "cmp" : "tst"), reg(T2), num(f.kind() == ArmisticeFlags.CMP ? KIND_CMP : KIND_TST));
        emit(MOV, null, abs(FK), reg(T2));
        if (f.kind() == ArmisticeFlags.CMP) {
            emit(MOV, null, abs(FA), reg(peek(f.a(), T1)));
            if (f.b() >= 0) emit(MOV, null, abs(FB), reg(peek(f.b(), T1)));
            else {
                emit(MOV, null, reg(T1), num(f.imm()));
                emit(MOV, null, abs(FB), reg(T1));
            }
        } else {
            int a = peek(f.a(), T1);
            if (a != T1) emit(MOV, null, reg(T1), reg(a));
            if (f.b() >= 0) emit(AND, null, reg(T1), reg(peek(f.b(), T2)));
            else emit(AND, null, reg(T1), num(f.imm()));
            emit(MOV, null, abs(FA), reg(T1));
            emit(MOV, null, reg(T1), num(0));
            emit(MOV, null, abs(FB), reg(T1));
        }
    }

    void materialize() {
        if (!flags.lazy()) return;
        saveFlags();
        flags = ArmisticeFlags.IN_STATE;
        hostFlags = false;
    }

    /** Host jump form after a host cmp for each guest condition. */
    static String afterCmp(ArmisticeOp op) {
        switch (op) {
            case JZ: return "jz.rel16";
            case JNZ: return "jnz.rel16";
            case JLT: return "jl.rel16";
            case JGE: return "jge.rel16";
            case JGT: return "jg.rel16";
            case JLE: return "jle.rel16";
            case JB: return "jb.rel16";   // guest "C clear" (no carry = borrow) is host "C set" (borrow)
            case JAE: return "jae.rel16";
            case JA: return "ja.rel16";
            case JBE: return "jbe.rel16";
            case JN: return "js.rel16";
            case JNN: return "jns.rel16";
            case JV: return "jo.rel16";
            default: return "jno.rel16"; // JNV
        }
    }

    static boolean readsCarry(ArmisticeOp op) {
        return op == ArmisticeOp.JB || op == ArmisticeOp.JAE || op == ArmisticeOp.JA || op == ArmisticeOp.JBE;
    }

    /** After tst the guest's C is 0 ("borrow"): jb and jbe always jump, ja and jae never. */
    void afterTst(ArmisticeOp op, IntellioHostCode.Label target) {
        if (op == ArmisticeOp.JB || op == ArmisticeOp.JBE) jump("jmp.rel16", target);
        else if (!readsCarry(op)) jump(afterCmp(op), target);
    }

    /** A host jump to {@code target} taken when guest condition {@code op} holds. */
    void branch(ArmisticeOp op, IntellioHostCode.Label target) {
        ArmisticeFlags f = flags;
        if (f.lazy()) {
            if (!hostFlags) {
                int a = use(f.a());
                Operand b = f.b() >= 0 ? reg(use(f.b())) : num(f.imm());
                emit(f.kind() == ArmisticeFlags.CMP ? CMP : TEST, "compare again: host arithmetic changed the host flags", reg(a), b);
            }
            if (f.kind() == ArmisticeFlags.CMP) jump(afterCmp(op), target);
            else afterTst(op, target);
            return;
        }
        if (f.kind() != ArmisticeFlags.STATE) throw new IllegalStateException("guest flags read where the translator does not know them");
        // From the state page: cmp FA, FB gives Z, N and V for either kind (a tst is saved as "cmp r, 0"); C needs the kind.
        IntellioHostCode.Label tst = null, done = null;
        if (readsCarry(op)) {
            tst = new IntellioHostCode.Label();
            done = new IntellioHostCode.Label();
            emit(MOV, "guest flags from the state page", reg(T1), abs(FK));
            emit(TEST, null, reg(T1), reg(T1));
            jump("jnz.rel16", tst);
        }
        emit(MOV, tst == null ? "guest flags from the state page" : null, reg(T1), abs(FA));
        emit(MOV, null, reg(T2), abs(FB));
        emit(CMP, null, reg(T1), reg(T2));
        jump(afterCmp(op), target);
        if (tst != null) {
            jump("jmp.rel16", done);
            code.bind(tst);
            afterTst(op, target);
            code.bind(done);
        }
        hostFlags = false;
    }
}
