package toyisa.vm.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.armistice.Armistice;
import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.intellio.Intellio;
import toyisa.vm.Loader;
import toyisa.vm.Machine;
import toyisa.vm.Print42Test;
import toyisa.vm.Program;

/** The loader, the exec rules and the binfmt registry of isa.md section 5. */
class ExecTest {
    static byte[] intellioTxf(int type) {
        return Txf.write(TxfImage.of(TxfImage.INTELLIO, TxfImage.LITTLE_ENDIAN, type, 0x100, Print42Test.INTELLIO));
    }

    static byte[] armisticeTxf() {
        return Txf.write(TxfImage.of(TxfImage.ARMISTICE, TxfImage.BIG_ENDIAN, TxfImage.EXECUTABLE, 0x100, Print42Test.ARMISTICE));
    }

    @Test
    void aTxfForThisMachineRunsNatively() {
        Exec.Plan p = Exec.decide(armisticeTxf(), "p42", Armistice.ISA, BinfmtRegistry.defaults());
        assertEquals(Exec.Plan.Kind.NATIVE, p.kind());
        Machine m = Machine.create(Armistice.ISA);
        m.load(p.program());
        assertEquals("42\n", m.run().output());
    }

    @Test
    void aForeignTxfIsRefusedWhenNothingMatches() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        reg.setEnabled(BinfmtRegistry.INTELLIO_ENTRY, false);
        Exec.Plan p = Exec.decide(intellioTxf(2), "p42", Armistice.ISA, reg);
        assertEquals(Exec.Plan.Kind.REFUSED, p.kind());
        assertEquals("p42: exec format error: a TXF file for Intellio cannot run on Armistice (no enabled binfmt entry matches it)",
                p.message());
    }

    @Test
    void theEnabledIntellioEntryClaimsTypes2And3ThanksToTheMask() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        reg.setEnabled(BinfmtRegistry.INTELLIO_ENTRY, true);
        for (int type : new int[] {2, 3}) {
            Exec.Plan p = Exec.decide(intellioTxf(type), "p42", Armistice.ISA, reg);
            assertEquals(Exec.Plan.Kind.INTERPRETER, p.kind(), "type " + type);
            assertEquals(BinfmtRegistry.INTELLIO_EMULATOR, p.entry().interpreter());
        }
        // an Armistice TXF does not match the Intellio entry (byte order and machine byte differ): the Armistice entry claims it
        assertEquals(BinfmtRegistry.ARMISTICE_ENTRY, reg.match(armisticeTxf(), "x").name());
        reg.setEnabled(BinfmtRegistry.ARMISTICE_ENTRY, false);
        assertNull(reg.match(armisticeTxf(), "x"));
    }

    @Test
    void anArmisticeTxfOnIntellioGoesToTheArmisticeEmulatorAndIsRefusedWhenItsEntryIsDisabled() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        Exec.Plan p = Exec.decide(armisticeTxf(), "p42", Intellio.ISA, reg);
        assertEquals(Exec.Plan.Kind.INTERPRETER, p.kind());
        assertEquals(BinfmtRegistry.ARMISTICE_EMULATOR, p.entry().interpreter());
        assertEquals(Exec.Plan.Kind.NATIVE, Exec.decide(armisticeTxf(), "p42", Armistice.ISA, reg).kind());
        reg.setEnabled(BinfmtRegistry.ARMISTICE_ENTRY, false);
        Exec.Plan refused = Exec.decide(armisticeTxf(), "p42", Intellio.ISA, reg);
        assertEquals(Exec.Plan.Kind.REFUSED, refused.kind());
        assertEquals(Exec.REFUSED_STATUS, 126);
        assertEquals("p42: exec format error: a TXF file for Armistice cannot run on Intellio (no enabled binfmt entry matches it)",
                refused.message());
    }

    @Test
    void bothEntriesAreTheTxfHeaderOfTheirCpu() {
        assertArrayEquals(java.util.Arrays.copyOf(armisticeTxf(), 8), BinfmtRegistry.armisticeEntry().magic());
        assertArrayEquals(java.util.Arrays.copyOf(intellioTxf(2), 8), BinfmtRegistry.intellioEntry().magic());
        assertArrayEquals(BinfmtRegistry.intellioEntry().mask(), BinfmtRegistry.armisticeEntry().mask());
    }

    @Test
    void aFatFileRunsItsSlice() throws FormatException, ConfigException {
        byte[] fat = Fat.write(List.of(intellioTxf(2), armisticeTxf()));
        for (var isa : List.of(Armistice.ISA, Intellio.ISA)) {
            Exec.Plan p = Exec.decide(fat, "fat42", isa, BinfmtRegistry.defaults());
            assertEquals(Exec.Plan.Kind.NATIVE, p.kind());
            assertEquals(Program.Format.FAT, p.program().format());
            Machine m = Machine.create(isa);
            m.load(p.program());
            assertEquals("42\n", m.run().output(), isa.name());
        }
        byte[] onlyIntellio = Fat.write(List.of(intellioTxf(2)));
        // No Armistice slice: the Intellio slice goes to the emulator, or — with its entry disabled — nowhere.
        Exec.Plan emulated = Exec.decide(onlyIntellio, "fat", Armistice.ISA, BinfmtRegistry.defaults());
        assertEquals(Exec.Plan.Kind.INTERPRETER, emulated.kind());
        BinfmtRegistry off = BinfmtRegistry.defaults();
        off.setEnabled(BinfmtRegistry.INTELLIO_ENTRY, false);
        Exec.Plan p = Exec.decide(onlyIntellio, "fat", Armistice.ISA, off);
        assertEquals(Exec.Plan.Kind.REFUSED, p.kind());
        assertTrue(p.message().contains("no slice for Armistice (it has: Intellio)"), p.message());
    }

    @Test
    void aRawFileJustRunsAndMisdecodes() {
        Exec.Plan p = Exec.decide(Print42Test.INTELLIO, "raw42", Armistice.ISA, BinfmtRegistry.defaults());
        assertEquals(Exec.Plan.Kind.NATIVE, p.kind());
        Machine m = Machine.create(Armistice.ISA);
        m.load(p.program());
        assertEquals(132, m.run().exitStatus());
    }

    @Test
    void aCorruptTxfIsAnExecFormatError() {
        byte[] bad = armisticeTxf();
        bad = java.util.Arrays.copyOf(bad, bad.length - 1);
        Exec.Plan p = Exec.decide(bad, "bad", Armistice.ISA, BinfmtRegistry.defaults());
        assertEquals(Exec.Plan.Kind.REFUSED, p.kind());
        assertTrue(p.message().startsWith("bad: exec format error: truncated TXF"), p.message());
    }

    @Test
    void displayLooksLikeUpdateBinfmts() throws ConfigException {
        assertEquals("""
                toyisa-intellio (enabled):
                     package = toyisa
                        type = magic
                      offset = 0
                       magic = \\x7f\\x54\\x58\\x46\\x01\\x01\\x02\\x1e
                        mask = \\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff
                 interpreter = toyisa-emulate-intellio
                    detector =\s
                """, BinfmtRegistry.defaults().display(BinfmtRegistry.INTELLIO_ENTRY));
    }

    @Test
    void registrationsPersistInTheUserFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/binfmt");
        BinfmtRegistry reg = BinfmtRegistry.load(file);
        assertTrue(reg.entry(BinfmtRegistry.INTELLIO_ENTRY).orElseThrow().enabled()); // preinstalled, enabled
        reg.setEnabled(BinfmtRegistry.INTELLIO_ENTRY, false);
        reg.register(new BinfmtEntry("pasm-source", true, "<local>", BinfmtEntry.Type.EXTENSION, 0,
                "pasm".getBytes(), new byte[0], "toyisa-asm"));
        reg.save();
        BinfmtRegistry again = BinfmtRegistry.load(file);
        assertEquals(reg.entries(), again.entries());
        assertFalse(again.entry(BinfmtRegistry.INTELLIO_ENTRY).orElseThrow().enabled());
        assertNotNull(again.match(new byte[0], "hello.pasm"));

        String old = System.getProperty(BinfmtRegistry.PROPERTY);
        System.setProperty(BinfmtRegistry.PROPERTY, file.toString());
        try {
            assertEquals(file, BinfmtRegistry.configPath());
        } finally {
            if (old == null) System.clearProperty(BinfmtRegistry.PROPERTY);
            else System.setProperty(BinfmtRegistry.PROPERTY, old);
        }
    }

    @Test
    void aBrokenUserFileGivesAClearMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("binfmt");
        Files.writeString(file, "toyisa-intellio (enabled):\n     package = toyisa\n     type = magic\n     offset = zero\n");
        ConfigException e = assertThrows(ConfigException.class, () -> BinfmtRegistry.load(file));
        assertTrue(e.getMessage().endsWith(":5: expected 'magic = ...', found ''"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> BinfmtRegistry.defaults().setEnabled("qemu", true));
        assertEquals("no binfmt entry named 'qemu' (known: toyisa-intellio, toyisa-woz, toyisa-armistice)", unknown.getMessage());
    }

    @Test
    void segmentsInTheNullPageAreRefused() {
        byte[] f = Txf.write(TxfImage.of(TxfImage.ARMISTICE, 2, 2, 0x80, new byte[4]));
        FormatException e = assertThrows(FormatException.class, () -> Loader.load(f, Armistice.ISA));
        assertTrue(e.getMessage().contains("null page"));
    }
}
