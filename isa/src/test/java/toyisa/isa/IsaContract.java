package toyisa.isa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * What every CPU table must satisfy. Each CPU module runs it with one tiny subclass, so a new CPU
 * gets the whole contract by naming itself.
 */
public abstract class IsaContract {
    protected abstract Isa isa();

    private static byte[] memoryWith(int address, byte[] code) {
        byte[] mem = new byte[0x10000];
        for (int i = 0; i < code.length; i++) mem[(address + i) & 0xFFFF] = code[i];
        return mem;
    }

    /** encode → decode → disassemble → reassemble gives identical bytes, for every form, many operands. */
    @Test
    void everyFormRoundTrips() throws EncodingException {
        IsaTable t = isa().table();
        Random random = new Random(42);
        for (Row row : t.rows()) {
            int encoded = 0;
            for (int trial = 0; trial < 60; trial++) {
                int address = trial == 0 ? 0x0100 : 0x0100 + random.nextInt(0xFE00);
                List<Operand> ops = trial == 0 ? ReferenceCard.sampleOperands(t, row) : randomOperands(t, row, random, trial, address);
                byte[] bytes;
                try {
                    bytes = t.encode(row, ops, address);
                } catch (EncodingException e) {
                    continue; // a random value that does not fit this form
                }
                encoded++;
                Instruction insn = t.decode(memoryWith(address, bytes), address);
                assertSame(row, insn.row(), () -> row.form() + ": decoded as another form");
                assertArrayEquals(bytes, insn.bytes(), row.form());
                assertEquals(ops, t.operands(insn), row.form() + ": operands");
                String text = t.disassemble(insn);
                byte[] again = isa().assembleLine(text, address);
                assertArrayEquals(bytes, again, () -> row.form() + ": '" + text + "' reassembles to " + Hex.bytes(again));
            }
            assertTrue(encoded >= 5, row.form() + ": too few operand sets encoded (" + encoded + ")");
        }
    }

    private static List<Operand> randomOperands(IsaTable t, Row row, Random random, int trial, int address) {
        List<Operand> ops = new ArrayList<>();
        int regs = t.registers().count();
        for (Template tp : row.templates()) {
            int v = switch (trial % 4) {
                case 1 -> 0;
                case 2 -> random.nextInt(0x100);
                case 3 -> 0x10000 - 1 - random.nextInt(0x80);
                default -> random.nextInt(0x10000);
            };
            if (tp instanceof Template.Reg) ops.add(Operand.reg(random.nextInt(regs)));
            else if (tp instanceof Template.FixedReg f) ops.add(Operand.reg(f.code()));
            else if (tp instanceof Template.Literal l) ops.add(Operand.num(l.value()));
            else if (tp instanceof Template.Value val && val.role().equals("target") && trial % 2 == 0)
                ops.add(Operand.num(address + random.nextInt(256) - 126)); // within a short jump's reach
            else if (tp instanceof Template.Value) ops.add(Operand.num(v));
            else if (tp instanceof Template.Mem m) ops.add(Operand.mem(random.nextInt(regs), m.disp() == '\0' ? 0 : v));
            else ops.add(Operand.abs(v));
        }
        return ops;
    }

    /** Every byte value as an opcode, with random following bytes: an instruction or illegal, never length 0. */
    @Test
    void decoderIsTotalForEveryOpcode() {
        Random random = new Random(7);
        byte[] mem = new byte[0x10000];
        int cases = 0;
        for (int opcode = 0; opcode < 256; opcode++) {
            for (int trial = 0; trial < 1000; trial++) {
                int pc = 0x100 + random.nextInt(0xFE00);
                mem[pc] = (byte) opcode;
                for (int k = 1; k < 8; k++) mem[(pc + k) & 0xFFFF] = (byte) random.nextInt(256);
                checkDecoded(mem, pc);
                cases++;
            }
        }
        assertEquals(256_000, cases);
    }

    @Property(tries = 20_000)
    void decoderIsTotalAnywhere(@ForAll @Size(min = 1, max = 8) byte[] code, @ForAll @IntRange(min = 0, max = 0xFFFF) int pc) {
        checkDecoded(memoryWith(pc, code), pc);
        // A short buffer reads as zeros past its end.
        checkDecoded(code, 0);
    }

    private void checkDecoded(byte[] mem, int pc) {
        Instruction insn = isa().decode(mem, pc);
        assertNotNull(insn);
        assertTrue(insn.length() >= 1 && insn.length() <= isa().table().maxLength(), "length " + insn.length());
        if (isa().table().fixedLength() > 0) assertEquals(isa().table().fixedLength(), insn.length());
        assertFalse(isa().disassemble(insn).isEmpty());
    }

    /**
     * The X-ray of every form's example: its parts tile the instruction's bits once, in order; the
     * opcode parts are the form's fixed bits; each field part holds the value the decoder read.
     */
    @Test
    void instructionFieldsSplitEveryFormIntoItsFields() {
        IsaTable t = isa().table();
        for (Row row : t.rows()) {
            byte[] code = ReferenceCard.example(t, row);
            byte[] mem = new byte[0x10000];
            System.arraycopy(code, 0, mem, 0x100, code.length);
            Instruction insn = t.decode(mem, 0x100);
            InstructionFields f = InstructionFields.of(t, insn);
            assertEquals(ReferenceCard.row(t, row), f.card(), row.form());
            int bit = 0;
            for (InstructionFields.Part p : f.parts()) {
                assertEquals(bit, p.firstByte() * 8 + 7 - p.highBit(), row.form() + ": " + p.where() + " " + p.bits());
                bit = p.lastByte() * 8 + 7 - p.lowBit() + 1;
                switch (p.kind()) {
                    case OPCODE -> {
                        int width = p.highBit() - p.lowBit() + 1;
                        int fixed = (row.value()[p.firstByte()] >>> p.lowBit()) & ((1 << width) - 1);
                        assertEquals(fixed, p.value(), row.form() + ": opcode bits");
                        assertEquals(((1 << width) - 1) << p.lowBit(), row.mask()[p.firstByte()] & (((1 << width) - 1) << p.lowBit()),
                                row.form() + ": an opcode part is fixed bits only");
                    }
                    case REGISTER, CONSTANT, TARGET -> assertEquals(insn.field(p.code().charAt(p.code().indexOf(':') > 0 ? 0 : 7 - p.highBit())), p.value(),
                            row.form() + ": " + p.name());
                    case IGNORED -> assertEquals(0, row.mask()[p.firstByte()] >>> p.lowBit() & ((1 << (p.highBit() - p.lowBit() + 1)) - 1),
                            row.form() + ": ignored bits are not fixed");
                    default -> fail(row.form() + ": a form's example has an illegal part");
                }
            }
            assertEquals(code.length * 8, bit, row.form() + ": every bit has its part");
        }
        byte[] none = new byte[0x10000];
        for (int b = 0; b < 256; b++) {
            none[0x100] = (byte) b;
            none[0x101] = (byte) 0xFF;
            Instruction insn = t.decode(none, 0x100);
            if (!insn.isIllegal()) continue;
            List<InstructionFields.Part> parts = InstructionFields.of(t, insn).parts();
            assertEquals(1, parts.size());
            assertEquals(InstructionFields.Kind.ILLEGAL, parts.get(0).kind());
            return;
        }
    }

    @Test
    void illegalInstructionsSayIllegal() {
        byte[] mem = memoryWith(0x100, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        Instruction insn = isa().decode(mem, 0x100);
        assertTrue(insn.isIllegal(), "FF FF FF FF is illegal on both CPUs");
        assertEquals("(illegal)", isa().disassemble(insn));
    }

    /** The committed card in docs/ is what the table generates; regenerate with -Dtoyisa.regenerate=true. */
    @Test
    void referenceCardIsCurrent() throws IOException {
        Path card = Path.of("..", "docs", isa().id() + "-card.md");
        String expected = ReferenceCard.markdown(isa());
        if (Boolean.getBoolean("toyisa.regenerate")) {
            Files.createDirectories(card.getParent());
            Files.writeString(card, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(card)) fail(card + " is missing: run mvn test -Dtoyisa.regenerate=true and commit it");
        assertEquals(expected, Files.readString(card, StandardCharsets.UTF_8),
                card + " is stale: run mvn test -Dtoyisa.regenerate=true, review the diff and commit it");
    }
}
