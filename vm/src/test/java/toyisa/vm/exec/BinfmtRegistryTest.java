package toyisa.vm.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry follows the kernel: the latest registered entry is tried first. */
class BinfmtRegistryTest {
    private static final byte[] INTELLIO_TXF = {0x7F, 'T', 'X', 'F', 1, 1, 3, 0x1E, 0, 1};

    @Test
    void theLatestRegisteredEntryIsTriedFirst() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        BinfmtEntry any = BinfmtSpec.entry("any-txf", "other", "\\x7fTXF", null, null, null, "", null);
        reg.install(any);
        assertEquals("any-txf", reg.match(INTELLIO_TXF, "p.txf").name());
        assertEquals(java.util.List.of("any-txf", "toyisa-armistice", "toyisa-woz", "toyisa-intellio"), reg.searchOrder().stream().map(BinfmtEntry::name).toList());
        reg.setEnabled("any-txf", false);
        assertEquals(BinfmtRegistry.INTELLIO_ENTRY, reg.match(INTELLIO_TXF, "p.txf").name());
    }

    @Test
    void displayListsByNameAsUpdateBinfmtsDoes() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        reg.install(BinfmtSpec.entry("aaa", "/x", null, null, null, "aaa", "", null));
        assertTrue(reg.display().startsWith("aaa (enabled):\n"), reg.display());
        assertTrue(reg.display().contains("    detector = \ntoyisa-intellio (enabled):\n"), reg.display());
    }

    @Test
    void installRefusesAnotherPackagesEntryAndRemoveChecksTheInterpreter() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        ConfigException e = assertThrows(ConfigException.class, () -> reg.install(
                BinfmtSpec.entry(BinfmtRegistry.INTELLIO_ENTRY, "/x", "AB", null, null, null, "", null)));
        assertEquals("binfmt entry toyisa-intellio is already installed by package toyisa (this is package <local>); remove it first",
                e.getMessage());
        assertThrows(ConfigException.class, () -> reg.remove(BinfmtRegistry.INTELLIO_ENTRY, "/wrong"));
        assertTrue(reg.entry(BinfmtRegistry.INTELLIO_ENTRY).isPresent());
        reg.remove(BinfmtRegistry.INTELLIO_ENTRY, BinfmtRegistry.INTELLIO_EMULATOR);
        assertFalse(reg.entry(BinfmtRegistry.INTELLIO_ENTRY).isPresent());
    }

    @Test
    void flagsAndOrderSurviveTheRegistryFile(@TempDir Path dir) throws ConfigException {
        Path file = dir.resolve("binfmt");
        BinfmtRegistry reg = BinfmtRegistry.load(file);
        reg.install(BinfmtSpec.entry("woz", "/usr/bin/wozbin", null, null, null, "woz", "P", null));
        reg.install(BinfmtSpec.entry("aaa", "/x", "AB", "\\xff\\xdf", "3", null, "CF", null));
        reg.save();
        BinfmtRegistry again = BinfmtRegistry.load(file);
        assertEquals(reg.entries(), again.entries());
        assertEquals("CF", again.require("aaa").flags());
    }

    @Test
    void exportWritesOneFormatFilePerEntry(@TempDir Path dir) throws Exception {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        reg.install(BinfmtSpec.entry("woz", "/usr/bin/wozbin", null, null, null, "woz", "P", null));
        assertEquals(4, reg.export(dir.resolve("out")).size());
        assertEquals(BinfmtRegistry.intellioEntry().formatFile(), Files.readString(dir.resolve("out/toyisa-intellio")));
        assertEquals(BinfmtRegistry.armisticeEntry().formatFile(), Files.readString(dir.resolve("out/toyisa-armistice")));
        reg.install(BinfmtSpec.entry("open", "/x", "AB", null, null, null, "O", null));
        ConfigException e = assertThrows(ConfigException.class, () -> reg.export(dir.resolve("again")));
        assertTrue(e.getMessage().endsWith("; nothing exported"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("again/toyisa-intellio")));
    }

    @Test
    void findShowsTheMaskedComparisonEntryByEntry() throws ConfigException {
        BinfmtRegistry reg = BinfmtRegistry.none();
        reg.install(BinfmtRegistry.intellioEntry());
        reg.install(BinfmtSpec.entry("woz", "/usr/bin/wozbin", null, null, null, "woz", "", null));
        String report = reg.explain(INTELLIO_TXF, "p.txf");
        assertEquals("""
                p.txf: 2 entries, tried as the kernel does: the latest registered first, the first enabled match wins
                  woz (enabled, extension .woz): the name does not end in .woz: no match
                  toyisa-intellio (enabled, magic of 8 bytes at offset 0)
                    offset  file  mask  file&mask  magic&mask
                         0  7f    ff    7f         7f          same
                         1  54    ff    54         54          same
                         2  58    ff    58         58          same
                         3  46    ff    46         46          same
                         4  01    ff    01         01          same
                         5  01    ff    01         01          same
                         6  03    fe    02         02          same
                         7  1e    ff    1e         1e          same
                    every masked byte is the same: match
                interpreter: toyisa-emulate-intellio (entry toyisa-intellio)
                """, report);
        assertTrue(reg.explain(new byte[] {0x7F, 'T'}, "short").contains("(the file ends)"));
        assertTrue(reg.explain(new byte[] {0x7F, 'F', 'A', 'T', 1, 0, 1, 0}, "p.fat").endsWith("toyisa readtxf lists them)\n"));
        assertTrue(reg.explain(new byte[] {0x7F, 'T'}, "short").endsWith("no enabled entry matches: exec treats the file by its header alone\n"));
    }

    @Test
    void wozFilesGoToTheWozInterpreterByTheirExtension() {
        BinfmtRegistry reg = BinfmtRegistry.defaults();
        assertEquals(BinfmtRegistry.WOZ_ENTRY, reg.match(new byte[] {'P', 'K', 3, 4}, "prog.woz").name());
        assertEquals(null, reg.match(new byte[] {'P', 'K', 3, 4}, "prog.zip"));
        assertEquals(":toyisa-woz:E:0:woz::toyisa-woz:", BinfmtRegistry.wozEntry().registerLine());
    }

    @Test
    void aRegistryFileInTheOldLeftAlignedLayoutStillLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("binfmt");
        Files.writeString(file, """
                toyisa-intellio (disabled):
                     package = toyisa
                     type = magic
                     offset = 0
                     magic = \\x7f\\x54\\x58\\x46\\x01\\x01\\x02\\x1e
                     mask = \\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff
                     interpreter = toyisa-emulate-intellio
                     detector =
                """);
        assertEquals(BinfmtRegistry.intellioEntry().withEnabled(false), BinfmtRegistry.load(file).require(BinfmtRegistry.INTELLIO_ENTRY));
    }
}
