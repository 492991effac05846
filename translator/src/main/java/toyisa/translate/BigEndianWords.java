package toyisa.translate;

import static toyisa.intellio.IntellioOp.*;
import static toyisa.translate.StatePage.*;

import toyisa.intellio.IntellioOp;
import toyisa.isa.Operand;
import toyisa.translate.HostBlock.Site;
import toyisa.translate.HostBlock.Stub;
import toyisa.translate.HostBlock.StubKind;

/**
 * Big-endian, aligned guest words on a little-endian host that allows any address. A guest word
 * access first tests the address's low bit (an odd address leaves for the dispatcher, which reports
 * the guest's misaligned access or null page exactly as the Armistice interpreter), then moves the
 * two bytes with {@code movb} in swapped places: the guest's first byte is its high one.
 */
abstract class BigEndianWords extends ArmisticeFlagCode {
    int swaps;

    BigEndianWords(GuestBlock block, int base, boolean keepRegisters) {
        super(block, base, keepRegisters);
    }

    /** Tests a guest word address's low bit; odd leaves for the dispatcher (misaligned, or the null page). */
    void alignment(int hb, int g, int disp, boolean write) {
        // Known aligned already: a word access through g in this block passed the test, and g changed since only by even steps.
        int known = (disp & 1) == 0 ? evenKnown : oddKnown;
        if ((known >> g & 1) != 0) return;
        if ((disp & 1) == 0) evenKnown |= 1 << g;
        else oddKnown |= 1 << g;
        IntellioHostCode.Label odd = new IntellioHostCode.Label();
        emit(TEST, "guest words are aligned", reg(hb), num(1));
        jump((disp & 1) == 0 ? "jnz.rel16" : "jz.rel16", odd);
        Stub s = new Stub(StubKind.WORD_FAULT, curPc);
        s.base = g;
        s.disp = disp;
        s.write = write;
        Site site = here();
        outOfLine.add(() -> {
            code.bind(odd);
            stubs.add(s);
            code.add(IntellioHostCode.form(HLT), new Operand[0], site.withStub(s), null);
        });
    }

    /** The big-endian guest word at {@code [hb + disp]} into host register {@code dst} (only T1 besides). */
    void loadWord(int dst, int hb, int disp) {
        access(MOVB, 0, 2, false, "high byte first: big-endian", reg(T1), mem(hb, disp));
        emit(SHL, "byte swap", reg(T1), num(8));
        access(MOVB, 1, 2, false, null, reg(dst), mem(hb, disp + 1));
        emit(OR, null, reg(dst), reg(T1));
        swaps++;
    }

    /** Stores host register {@code v} as a big-endian guest word at {@code [hb + disp]} (only T1 besides). */
    void storeWord(int v, int hb, int disp) {
        emit(MOV, "byte swap", reg(T1), reg(v));
        emit(SHR, null, reg(T1), num(8));
        access(MOVB, 0, 2, true, "high byte first: big-endian", mem(hb, disp), reg(T1));
        access(MOVB, 1, 2, true, null, mem(hb, disp + 1), reg(v));
        swaps++;
    }

    /** sp += 2 or sp -= 2: its parity, if known, stays known. */
    void stackStep(IntellioOp op) {
        int even = evenKnown & 1 << 15, odd = oddKnown & 1 << 15;
        int d = def(15);
        emit(op, null, reg(d), num(2));
        spill(15, d);
        evenKnown |= even;
        oddKnown |= odd;
    }

    /** Pushes the constant return address (guest words are big-endian: the high byte first). */
    void pushReturn(int ret) {
        int sp = use(15);
        alignment(sp, 15, -2, true);
        emit(MOV, "return address, high byte first", reg(T1), num(ret >>> 8 & 0xFF));
        access(MOVB, 0, 2, true, null, mem(sp, -2), reg(T1));
        emit(MOV, null, reg(T1), num(ret & 0xFF));
        access(MOVB, 1, 2, true, null, mem(sp, -1), reg(T1));
        stackStep(SUB);
    }
}
