package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;

/** {@code --engine jit} on run and emulate, as a user sees it: the interpreter's run, and with --log what was compiled. */
class JitEngineCommandTest {
    /** Adds 1 + 2 + ... + 2000 in a loop hot enough to compile, then prints the sum (mod 10000h). */
    private static final String LOOP = "mov b, 0\nmov d, 2000\nagain: add b, d\nsub d, 1\ncmp d, 0\njnz again\n"
            + "mov a, 10h\nmov c, b\nint 13h\nhalt\n";

    @TempDir
    Path dir;

    private String out, err;

    private int run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = Toyisa.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return status;
    }

    private String binary(String cpu) throws IOException {
        Assembly a = Assembler.assemble("loop.pasm", LOOP, Isa.byName(cpu));
        assertTrue(a.ok(), a.formatDiagnostics());
        Path p = dir.resolve(cpu + ".bin");
        Files.write(p, a.binary());
        return p.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"armistice", "intellio"})
    void theJitPrintsWhatTheInterpreterPrintsAndTheLogShowsTheLoopCompiled(String cpu) throws IOException {
        String file = binary(cpu);
        assertEquals(0, run("run", "--cpu", cpu, file), err);
        String interpreted = out;
        assertEquals(String.valueOf(2001000 & 0xFFFF) + "\n", interpreted);
        assertEquals(0, run("run", "--engine", "jit", "--cpu", cpu, file), err);
        assertEquals(interpreted, out);
        assertEquals("", err);
        assertEquals(0, run("run", "--engine", "jit", "--log", "--cpu", cpu, file), err);
        assertEquals(interpreted, out);
        assertTrue(err.contains(" blocks, ") || err.contains(" block, "), err);
        assertTrue(err.contains("jnz") && err.contains("(fused)"), err); // the guest loop beside ...
        assertTrue(err.contains("ILOAD") && err.contains("IF_ICMP"), err); // ... its bytecode
        assertTrue(err.matches("(?s).*jit: \\d+ regions? .* deoptimisations? \\(bail-outs to the interpreter\\);.*guest instructions compiled, \\d+ interpreted.*"), err);
    }

    @Test
    void theTranslatorsHostCodeOnTheJitPrintsTheSame() throws IOException {
        String file = binary("intellio");
        assertEquals(0, run("emulate", file), err);
        String translated = out;
        assertEquals(0, run("emulate", "--engine", "jit", "--log", file), err);
        assertEquals(translated, out);
        assertTrue(err.contains("IN:") && err.contains("ILOAD") && err.contains("jit: "), err);
    }

    @Test
    void aWrongEngineOrALogWithoutTheJitIsAUsageError() throws IOException {
        String file = binary("armistice");
        assertEquals(2, run("run", "--engine", "turbo", "--cpu", "armistice", file));
        assertTrue(err.contains("unknown engine 'turbo' (known: interpreter, jit)"), err);
        assertEquals(2, run("run", "--log", "--cpu", "armistice", file));
        assertTrue(err.contains("add --engine jit"), err);
        assertEquals(2, run("emulate", "--engine", "turbo", binary("intellio")));
        assertTrue(err.contains("unknown engine"), err);
    }

    @Test
    void theEngineIsReadCaseBlindAndTheTranslatedEnginesAreEmulatesNotRuns() throws IOException {
        String file = binary("armistice");
        assertEquals(0, run("run", "--engine", "JIT", "--cpu", "armistice", file), err);
        assertEquals(2, run("run", "--engine", "translated", "--cpu", "armistice", file));
        assertEquals("toyisa run: unknown engine 'translated' (known: interpreter, jit)", err.lines().findFirst().orElse(""));
    }

    /** TOYISA_JIT=off in a child JVM: run and emulate both say the interpreter runs the program, and run it. */
    @Test
    void runAndEmulateSayWhenTheJitIsTurnedOff() throws Exception {
        for (String[] args : new String[][] {{"run", "--engine", "jit", "--cpu", "armistice", binary("armistice")},
                                             {"emulate", "--engine", "jit", binary("intellio")}}) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    Toyisa.class.getName()));
            command.addAll(java.util.List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().put("TOYISA_JIT", "off");
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), stderr);
            assertEquals("toyisa: the jit engine is turned off (TOYISA_JIT=off): the interpreter runs the program\n", stderr, args[0]);
            String[] interpreted = args.clone();
            interpreted[2] = "interpreter";
            assertEquals(0, run(interpreted), err);
            assertEquals(out, stdout, args[0]);
        }
    }
}
