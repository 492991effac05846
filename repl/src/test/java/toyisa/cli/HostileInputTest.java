package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toyisa.cli.Goldens.toyisa;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.cli.Goldens.Ran;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** Regressions from a hostile user's session: each test is named after what it reproduces. */
class HostileInputTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void devZeroAsAFileIsRefusedNotReadUntilMemoryRunsOut() {
        for (String[] args : new String[][] {{"run", "--cpu", "intellio", "/dev/zero"}, {"disasm", "--cpu", "armistice", "/dev/zero"},
                {"asm", "--target", "intellio", "-o", dir.resolve("x.bin").toString(), "/dev/zero"}, {"exercise", "check", "sum", "/dev/zero"}}) {
            Ran r = toyisa(args);
            assertEquals(2, r.status(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().contains("/dev/zero is not a regular file"), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("Error"), r.err());
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoAsAFileIsRefusedNotWaitedOn() throws Exception {
        Path fifo = dir.resolve("pipe.pasm");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Ran run = toyisa("run", "--cpu", "intellio", fifo.toString());
        assertTrue(run.err().contains("is not a regular file"), run.err());
        Ran asm = toyisa("asm", "--target", "intellio", "-o", dir.resolve("x.bin").toString(), fifo.toString());
        assertTrue(asm.err().contains("is not a regular file"), asm.err());
    }

    @Test
    void asmRefusesToOverwriteItsOwnSource() throws IOException {
        Path src = Files.writeString(dir.resolve("x.pasm"), "halt\n");
        Ran r = toyisa("asm", "--target", "intellio", "-o", src.toString(), src.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is the source itself"), r.err());
        assertEquals("halt\n", Files.readString(src));
    }

    @Test
    void outputThatCannotBeWrittenIsAFailureNotSuccess() throws IOException {
        Path bin = dir.resolve("p.bin");
        Files.write(bin, Assembler.assemble("p", "mov a, 10h\nmov c, 42\nint 13h\nhalt\n", Isa.byName("intellio")).binary());
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int status = Toyisa.execute(new String[] {"run", "--cpu", "intellio", bin.toString()}, new PrintWriter(full, true), new PrintWriter(err, true));
        assertEquals(Toyisa.OUTPUT_FAILED, status);
        assertTrue(err.toString().contains("cannot write standard output"), err.toString());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aTraceIntoAClosedPipeEndsTheRunAtOnce() throws IOException {
        Path bin = dir.resolve("loop.bin");
        Files.write(bin, Assembler.assemble("l", "l: jmp l\n", Isa.byName("intellio")).binary());
        long[] written = {0};
        OutputStream head = new OutputStream() { // like `| head -c 1000`
            @Override
            public void write(int b) throws IOException {
                if (++written[0] > 1000) throw new IOException("Broken pipe");
            }
        };
        int status = Toyisa.execute(new String[] {"run", "--trace", "--cpu", "intellio", bin.toString()},
                new PrintWriter(head, true), new PrintWriter(new StringWriter(), true));
        assertEquals(Toyisa.OUTPUT_FAILED, status);
        assertTrue(written[0] < 100_000, "stopped soon after the pipe closed: " + written[0] + " bytes tried");
    }

    @Test
    void theTraceHasAByteCap() throws IOException {
        Path bin = dir.resolve("loop.bin");
        Files.write(bin, Assembler.assemble("l", "l: jmp l\n", Isa.byName("intellio")).binary());
        Ran r = toyisa("run", "--trace", "--max-trace", "2000", "--max-steps", "100000", "--cpu", "intellio", bin.toString());
        assertEquals(124, r.status());
        assertTrue(r.out().length() < 2200, "trace capped: " + r.out().length());
        assertTrue(r.out().contains("trace truncated after 2000 bytes"), r.out());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aNumberLineThatNeverEndsIsAMalformedNumberNotGigabytesOfHeap() {
        InputStream zeros = new InputStream() {
            @Override
            public int read() {
                return '7';
            }
        };
        Machine m = Machine.create("intellio");
        m.loadRaw(Assembler.assemble("r", "l: mov a, 21h\nint 13h\ncmp c, 0FFFFh\njnz l\nhalt\n", Isa.byName("intellio")).binary());
        m.setInput(zeros);
        m.setBudget(10_000_000);
        RunResult r = m.run();
        assertEquals(0, r.exitStatus(), "read 21h gave 0FFFFh for the endless line, and the loop ended");
        Machine all = Machine.create("intellio");
        all.loadRaw(Assembler.assemble("r", "l: mov a, 20h\nint 13h\ncmp c, 0FFFFh\njnz l\nhalt\n", Isa.byName("intellio")).binary());
        all.setInput(zeros);
        all.setBudget(1_000_000_000L);
        assertEquals(0, all.run().exitStatus(), "total input is bounded: the guest sees end of input");
    }

    @Test
    void aSymbolNameCannotReachTheTerminalRaw() throws IOException {
        byte[] code = Assembler.assemble("p", "halt\n", Isa.byName("intellio")).binary();
        toyisa.container.TxfImage img = new toyisa.container.TxfImage(toyisa.container.TxfImage.INTELLIO, toyisa.container.TxfImage.LITTLE_ENDIAN,
                toyisa.container.TxfImage.EXECUTABLE, 0x100, java.util.List.of(new toyisa.container.Segment(0x100, code)),
                java.util.List.of(new toyisa.container.Symbol("main\n\u001b[2J\u001b[31mowned", 0x100)), java.util.List.of(), java.util.List.of());
        Path txf = Files.write(dir.resolve("evil.txf"), toyisa.container.Txf.write(img));
        Ran r = toyisa("disasm", txf.toString());
        assertFalse(r.out().contains("\u001b"), r.out());
        assertTrue(r.out().contains("main\\x0a\\x1b[2J\\x1b[31mowned:"), r.out());
    }

    @Test
    void aTwoMegabyteLineIsNotEchoedWholeInADiagnostic() throws IOException {
        Path src = Files.writeString(dir.resolve("long.pasm"), "mov a, " + "x".repeat(2_000_000) + "\n");
        Ran r = toyisa("asm", "--target", "intellio", "-o", dir.resolve("x.bin").toString(), src.toString());
        assertEquals(1, r.status(), r.err().substring(0, Math.min(300, r.err().length())));
        assertTrue(r.err().length() < 2000, "the echo is cut: " + r.err().length() + " characters");
        assertTrue(r.err().contains("…"), r.err());
    }
}
