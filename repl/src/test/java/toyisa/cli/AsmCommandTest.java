package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.container.Fat;
import toyisa.container.Txf;
import toyisa.container.TxfImage;

class AsmCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path source(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void assemblesPrint42ForBothCpusAsRaw() throws IOException {
        Path src = source("print42.pasm", "mov a, 10h\nmov c, 42\nint 13h\nhalt\n");
        Path bin = dir.resolve("p.bin");
        assertEquals(0, run("asm", "--target", "intellio", "-o", bin.toString(), src.toString()), err.toString());
        assertArrayEquals(new byte[] {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4}, Files.readAllBytes(bin));
        assertEquals(0, run("asm", "--target", "armistice", "--format", "raw", "-o", bin.toString(), src.toString()));
        assertEquals(16, Files.readAllBytes(bin).length);
        assertEquals("", err.toString());
    }

    @Test
    void txfCarriesMachineSymbolsAndLines() throws Exception {
        Path src = source("p.pasm", "start: mov a, 10h\nmov c, 42\nint 13h\nhalt\n");
        Path txf = dir.resolve("p.txf");
        assertEquals(0, run("asm", "--target", "armistice", "--format", "txf", "-o", txf.toString(), src.toString()));
        TxfImage img = Txf.read(Files.readAllBytes(txf));
        assertEquals(TxfImage.ARMISTICE, img.machine());
        assertEquals(TxfImage.BIG_ENDIAN, img.byteOrder());
        assertEquals(0x100, img.entry());
        assertEquals("start", img.symbols().get(0).name());
        assertEquals(4, img.lines().size());
    }

    @Test
    void fatHasOneSlicePerCpu() throws Exception {
        Path src = source("p.pasm", "mov a, 10h\nmov c, 42\nint 13h\nhalt\n");
        Path fat = dir.resolve("p.fat");
        assertEquals(0, run("asm", "--target", "fat", "--listing", "-o", fat.toString(), src.toString()), err.toString());
        assertEquals(2, Fat.slices(Files.readAllBytes(fat)).size());
        assertTrue(out.toString().contains("; Armistice") && out.toString().contains("; Intellio"), out.toString());
    }

    @Test
    void listingGoesToStandardOutput() throws IOException {
        Path src = source("p.pasm", "mov a, 10h\n");
        assertEquals(0, run("asm", "--target", "intellio", "--listing", "-o", dir.resolve("o").toString(), src.toString()));
        assertEquals("0100  20 10        mov a, 10h\n", out.toString());
    }

    @Test
    void assemblyErrorsExitOneAndWriteNothing() throws IOException {
        Path src = source("out.pasm", "out 1234h, 42\n");
        Path bin = dir.resolve("out.bin");
        assertEquals(1, run("asm", "--target", "intellio", "-o", bin.toString(), src.toString()));
        assertFalse(Files.exists(bin));
        assertTrue(err.toString().contains("out.pasm:1:1: error: Intellio has no port I/O"), err.toString());
        assertTrue(err.toString().contains("hint: use the HAL"), err.toString());
    }

    @Test
    void fatFailsWhenOneSliceFails() throws IOException {
        Path src = source("out.pasm", "out 1234h, 42\n");
        assertEquals(1, run("asm", "--target", "fat", "-o", dir.resolve("o").toString(), src.toString()));
        assertTrue(err.toString().contains("error: Intellio has no port I/O [intellio]"), err.toString());
    }

    @Test
    void warningsDoNotFail() throws IOException {
        Path src = source("w.pasm", "l: sub a, 1\njnz l\nhalt\n");
        assertEquals(0, run("asm", "--target", "armistice", "-o", dir.resolve("o").toString(), src.toString()));
        assertTrue(err.toString().contains("warning: portability"), err.toString());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path src = source("p.pasm", "nop\n");
        String o = dir.resolve("o").toString();
        assertEquals(2, run("asm", "--target", "intellio", "-o", o, dir.resolve("missing.pasm").toString()));
        assertTrue(err.toString().contains("cannot read"), err.toString());
        assertEquals(2, run("asm", "--target", "z80", "-o", o, src.toString()));
        assertEquals(2, run("asm", "--target", "intellio", "--format", "elf", "-o", o, src.toString()));
        assertEquals(2, run("asm", "--target", "fat", "--format", "raw", "-o", o, src.toString()));
        assertEquals(2, run("asm", "--target", "intellio", src.toString()));
        assertEquals(2, run("asm", "-o", o, src.toString()));
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("asm", "--help"));
        assertTrue(out.toString().contains("--target"));
    }
}
