package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toyisa emulate}: an Intellio binary on the Armistice machine, as a user sees it. */
class EmulateCommandTest {
    private static final byte[] PRINT42 = {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4};

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void print42RunsTranslatedAndPrints42() throws IOException {
        assertEquals(0, run("emulate", "--guest", "intellio", "--host", "armistice", file("p.bin", PRINT42).toString()), err.toString());
        assertEquals("42\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void logShowsGuestBlockThenHostCodeThenCounts() throws IOException {
        assertEquals(0, run("emulate", "--log", file("p.bin", PRINT42).toString()));
        assertEquals("42\n", out.toString());
        String log = err.toString();
        assertTrue(log.contains("IN:  guest block at 0100h (4 instructions)"), log);
        assertTrue(log.contains("0102h  22 2A        mov c, 2Ah"), log);
        assertTrue(log.contains("OUT: host code at 0100h"), log);
        assertTrue(log.contains("36 03 00 2A  mov c, 2Ah"), log);
        assertTrue(log.contains("0C 13 00 00  int 13h"), log);
        assertTrue(log.contains("guest instructions: 4"), log);
        assertTrue(log.contains("expansion:"), log);
    }

    @Test
    void crashIsReportedAtTheGuestPcWithGuestRegisters() throws IOException {
        // mov b, 0 / mov a, [b]: a read in the null page at 0102h
        byte[] p = {0x21, 0x00, 0x00, 0x41, (byte) 0xF4};
        assertEquals(139, run("emulate", file("null.bin", p).toString()));
        String e = err.toString();
        assertTrue(e.startsWith("Segmentation fault\n  Intellio: segmentation fault at 0102h: read of 2 bytes at 0000h (null page)\n"), e);
        assertTrue(e.contains("instruction: mov a, [b]"), e);
        assertTrue(e.contains("registers:   a=0000 b=0000 c=0000 d=0000 e=0000 f=0000 fp=0000 sp=FFFE"), e);
        assertTrue(e.contains("flags:       Z=0 S=0 C=0 O=0"), e);
    }

    @Test
    void budgetIsCountedInGuestInstructions() throws IOException {
        byte[] loop = {(byte) 0xEB, (byte) 0xFE}; // jmp $
        assertEquals(124, run("emulate", "--max-steps", "1000", file("loop.bin", loop).toString()));
        assertTrue(err.toString().contains("budget of 1000 instructions used up at 0100h"), err.toString());
    }

    /** Print(42) assembled for Armistice: mov a, 10h / mov c, 42 / int 13h / out 1234h, 2Ah / halt. */
    private static final byte[] ARMISTICE_PRINT42 = {0x36, 0x01, 0x00, 0x10, 0x36, 0x03, 0x00, 0x2A, 0x0C, 0x13, 0x00, 0x00,
        0x0D, 0x12, 0x34, 0x2A, 0x0F, 0x00, 0x00, 0x00};

    @Test
    void armisticeOnIntellioPrintsThroughTheHalAndThePort() throws IOException {
        assertEquals(0, run("emulate", "--guest", "armistice", "--host", "intellio", file("p.bin", ARMISTICE_PRINT42).toString()));
        assertEquals("42\n42\n", out.toString());
    }

    @Test
    void armisticeOnIntellioLogsTheIntellioCode() throws IOException {
        assertEquals(0, run("emulate", "--guest", "armistice", "--host", "intellio", "--log", file("p.bin", ARMISTICE_PRINT42).toString()));
        String log = err.toString();
        assertTrue(log.contains("CD 13        int 13h"), log);
        assertTrue(log.contains("; port 1234h: the HAL prints the number"), log);
        assertTrue(log.contains("spills of guest registers"), log);
    }

    @Test
    void theGuestAndTheHostMustDiffer() throws IOException {
        assertEquals(2, run("emulate", "--guest", "armistice", "--host", "armistice", file("p.bin", ARMISTICE_PRINT42).toString()));
        assertTrue(err.toString().contains("the guest and the host are the same CPU"), err.toString());
    }
}
