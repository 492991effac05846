package toyisa.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Deliberately broken tables: each must be refused when it loads, with a message naming the fault. */
class TableValidationTest {
    enum Op { NOP, MOV, ADD, JMP }

    private static final String HEAD = "cpu Toy\nmachine 42\norder little\nregisters 3 a b c d e f fp sp\nflags ZSCO\n";

    private static void refused(String body, String messagePart) {
        TableException e = assertThrows(TableException.class, () -> IsaTable.parse(HEAD + body, Op.class));
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }

    @Test
    void aGoodTableLoads() {
        IsaTable t = IsaTable.parse(HEAD + "nop | nop | 90 | NOP | - | nothing\nmov | mov rd, imm | 00100ddd i:u8 | MOV | - | load\n", Op.class);
        assertEquals(2, t.rows().size());
        assertEquals("Toy", t.cpu());
    }

    @Test
    void theFlagsColumnIsReadAsWhatEachFlagUndergoes() {
        IsaTable t = IsaTable.parse(HEAD + "compares ADD\ncond JMP !Z and S == O\n"
                + "nop | nop | 90 | NOP | ZSC, O kept | x\nmov | mov rd, imm | 00100ddd i:u8 | MOV | ZS, C=O=0 | y\n"
                + "add | add rd, imm | 00101ddd i:u8 | ADD | ZSCO | z\njmp | jmp target | 70 j:rel8 | JMP | - | w\n", Op.class);
        assertEquals("ZSCO", t.flags());
        FlagEffects nop = t.row("nop").effects();
        assertEquals(FlagEffects.Effect.WRITTEN, nop.of('C'));
        assertEquals(FlagEffects.Effect.KEPT, nop.of('O'));
        assertEquals(0b1110, nop.changed());
        FlagEffects mov = t.row("mov").effects();
        assertEquals(FlagEffects.Effect.CLEARED, mov.of('O'));
        assertEquals(0b1111, mov.changed());
        assertTrue(t.row("add").compare());
        assertTrue(!t.row("mov").compare() && t.row("mov").condition() == null);
        Condition jg = t.row("jmp").condition();
        assertEquals("!Z and S == O", jg.toString());
        // States as the machine lays them out: Z = 8, S = 4, C = 2, O = 1.
        assertTrue(jg.holds(0b0000) && jg.holds(0b0101) && jg.holds(0b0010) && !jg.holds(0b1000) && !jg.holds(0b0100));
        assertEquals(0b1101, jg.reads());
        assertTrue(t.row("jmp").effects().keepsAll());
    }

    @Test
    void aFlagsColumnInAnotherSpellingIsRefusedWithTheOneToWrite() {
        refused("nop | nop | 90 | NOP | SZ | x\n", "write it as 'ZS, CO kept'");
        refused("nop | nop | 90 | NOP | ZSC (O kept) | x\n", "' ' is not a flag");
        refused("nop | nop | 90 | NOP | ZQ | x\n", "'Q' is not a flag");
        refused("nop | nop | 90 | NOP | ZS, Z=0 | x\n", "flag Z is named twice");
    }

    @Test
    void aConditionOrACompareThatDoesNotFitIsRefused() {
        refused("cond JMP Z or S and O\nnop | nop | 90 | NOP | - | x\n", "use 'or' or 'and', not both");
        refused("cond JMP Q\nnop | nop | 90 | NOP | - | x\n", "'Q' is not a flag");
        refused("cond JMP Z\nnop | nop | 90 | NOP | - | x\n", "cond JMP: no form has that op");
        refused("compares NOP\nnop | nop | 90 | NOP | - | x\n", "a compare that writes no flag");
        refused("cond HALT Z\nnop | nop | 90 | NOP | - | x\n", "op 'HALT'");
    }

    @Test
    void twoFormsClaimingTheSameBytes() {
        refused("nop | nop | 90 | NOP | - | x\nmov | mov rd, imm | 10010ddd i:u8 | MOV | - | y\n", "claim the same encoding");
    }

    @Test
    void aShorterFormThatIsAPrefixOfALongerOne() {
        refused("nop | nop | 0F | NOP | - | x\njmp | jmp target | 0F 80 j:rel16 | JMP | - | y\n", "claim the same encoding");
    }

    @Test
    void aStaleOverlapDeclaration() {
        refused("overlap nop mov\nnop | nop | 90 | NOP | - | x\nmov | mov rd, imm | 00100ddd i:u8 | MOV | - | y\n", "stale");
    }

    @Test
    void anOverlapWhoseWinnerIsLessSpecific() {
        refused("overlap mov nop\nnop | nop | 90 | NOP | - | x\nmov | mov rd | 10010ddd | MOV | - | y\n", "must fix more bits");
    }

    @Test
    void aFieldPlacedTwice() {
        refused("mov | mov rd, imm | 00100ddd ddd----- | MOV | - | y\n", "placed twice");
    }

    @Test
    void aFieldWithoutSyntax() {
        refused("mov | mov rd | 00100ddd i:u8 | MOV | - | y\n", "not in the syntax");
    }

    @Test
    void anOperandWithoutBits() {
        refused("mov | mov rd, imm | 00100ddd | MOV | - | y\n", "has no bits");
    }

    @Test
    void aRegisterFieldThatDoesNotFitTheRegisterFile() {
        refused("mov | mov rd | 0010dddd | MOV | - | y\n", "must be 3 bits wide");
    }

    @Test
    void aFormOfTheWrongLengthOnAFixedLengthCpu() {
        assertThrows(TableException.class, () -> IsaTable.parse(HEAD + "length 4\nnop | nop | 90 | NOP | - | x\n", Op.class));
        refused("length 4\nnop | nop | 90 | NOP | - | x\n", "every Toy instruction is 4");
    }

    @Test
    void anUnknownOperation() {
        refused("nop | nop | 90 | HALT | - | x\n", "op 'HALT'");
    }

    @Test
    void anUnreadableEncodingToken() {
        refused("nop | nop | 9G | NOP | - | x\n", "cannot read encoding token '9G'");
    }

    @Test
    void aFormDefinedTwice() {
        refused("nop | nop | 90 | NOP | - | x\nnop | nop | 91 | NOP | - | y\n", "defined twice");
    }

    @Test
    void aMissingColumn() {
        refused("nop | nop | 90 | NOP | x\n", "6 columns");
    }

    @Test
    void aFirstByteWithNoFixedBits() {
        refused("mov | mov rd, rs | --dddsss | MOV | - | x\n", "first byte must fix some bits");
    }

    @Test
    void aRelativeFieldForAConstant() {
        refused("mov | mov rd, imm | 00100ddd i:rel8 | MOV | - | x\n", "relative field");
    }

    @Test
    void tooManyRegisterNames() {
        TableException e = assertThrows(TableException.class,
                () -> IsaTable.parse("cpu T\nmachine 01\norder big\nregisters 1 a b c\nflags Z\nnop | nop | 90 | NOP | - | x\n", Op.class));
        assertTrue(e.getMessage().contains("do not fit"));
    }

    @Test
    void anIncompleteHeader() {
        TableException e = assertThrows(TableException.class,
                () -> IsaTable.parse("cpu T\nregisters 3 a b\nflags Z\nnop | nop | 90 | NOP | - | x\n", Op.class));
        assertTrue(e.getMessage().contains("header incomplete"));
    }
}
