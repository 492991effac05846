package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.isa.Isa;

/** Each kind of check a test can declare, on each engine, and partial credit. */
class GraderTest {
    @TempDir
    Path course;

    static final String PRINT42 = "mov a, 10h\nmov c, 42\nint 13h\nhalt\n";

    private static List<String> failures(Grader.Grade g) {
        return g.results().stream().flatMap(r -> r.failures().stream().map(f -> r.name() + ": " + f)).toList();
    }

    @Test
    void outputExactTrailingWhitespaceAndRegex() throws Exception {
        Exercise e = Folders.source(course, "out", """
                [[test]]
                name = "exact"
                stdout = "42"
                [[test]]
                name = "lenient"
                stdout = "42  \\n\\n"
                match = "trailing-whitespace"
                [[test]]
                name = "pattern"
                stdout = "4[0-9]\\n"
                match = "regex"
                """);
        Grader.Grade g = Folders.grade(e, PRINT42);
        assertEquals(List.of("Armistice: exact: output differs", "Intellio: exact: output differs"), failures(g));
        assertEquals(2, g.score());
        assertEquals(3, g.maxScore());
    }

    @Test
    void faultsRegistersFlagsAndMemory() throws Exception {
        Exercise e = Folders.source(course, "state", """
                [[test]]
                name = "dies"
                fault = "SIGFPE"
                registers = { c = 7, b = 0 }
                flags = { Z = true }
                memory = [{ address = 0x0200, bytes = "07" }, { address = 0x0201, fill = 0, length = 3 }]
                """);
        String good = "mov c, 7\nstoreb [200h], c\nmov b, 0\ncmp b, 0\ndivu c, b\nhalt\n";
        assertTrue(Folders.grade(e, good).passed(), Feedback.report(Folders.grade(e, good)));
        Grader.Grade bad = Folders.grade(e, "mov c, 8\nmov b, 1\ncmp b, 0\nhalt\n");
        List<String> f = failures(bad);
        assertTrue(f.contains("Armistice: dies: expected it to die of divide by zero (exit status 136), but it halted"), f.toString());
        assertTrue(f.contains("Intellio: dies: register c = 8, expected 7"), f.toString());
        assertTrue(f.contains("Intellio: dies: flag Z is 0, expected 1"), f.toString());
        assertTrue(f.contains("Intellio: dies: memory at 0200h is 00h, expected 07h (the range 0200h–0200h)"), f.toString());
    }

    @Test
    void efficiencyCodeSizeAndInstructionRules() throws Exception {
        Exercise e = Folders.source(course, "rules", """
                [[test]]
                name = "tight"
                stdout = "42\\n"
                max_steps = 4
                code_size = { armistice = 16, intellio = 7 }
                required = ["int"]
                forbidden = ["mul"]
                """);
        assertTrue(Folders.grade(e, PRINT42).passed());
        Grader.Grade g = Folders.grade(e, "mov a, 10h\nmov c, 6\nmul c, 7\nint 13h\nhalt\n");
        List<String> f = failures(g);
        assertTrue(f.contains("Armistice: tight: took 5 instructions; at most 4 pass"), f.toString());
        assertTrue(f.contains("Armistice: tight: the program is 20 bytes on Armistice; at most 16 pass"), f.toString());
        assertTrue(f.contains("Intellio: tight: the program must not use 'mul'"), f.toString());
    }

    @Test
    void aHangStopsAtTheWallClockLimitLongBeforeItsBudget() throws Exception {
        Exercise e = Folders.source(course, "hang", "budget = 1000000000\ntime_limit = 0.2\ncpus = [\"intellio\"]\n[[test]]\nname = \"x\"\nstatus = 0\n");
        Grader.Grade g = Folders.grade(e, "loop: jmp loop\n");
        Grader.Result r = g.results().get(0);
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("stopped after") && f.endsWith("(the limit is 0.2 s)")), r.failures().toString());
        assertTrue(r.steps() < 1_000_000_000L, "the run was stopped by the clock");
    }

    @Test
    void theTranslatorRunsTheIntellioBuildAndIsGradedLikeTheInterpreter() throws Exception {
        Exercise e = Folders.source(course, "tr", "cpus = [\"intellio\"]\nengines = [\"interpreter\", \"translated\"]\n"
                + "[[test]]\nname = \"sum\"\ninput = \"2\\n3\\n\"\nstdout = \"5\\n\"\nregisters = { b = 5 }\n");
        String sum = "mov b, 0\nnext: mov a, 21h\nint 13h\ncmp c, 0FFFFh\njz done\nadd b, c\njmp next\ndone: mov c, b\nmov a, 10h\nint 13h\nhalt\n";
        Grader.Grade g = Folders.grade(e, sum);
        assertEquals(List.of("Intellio: sum", "Intellio (translated): sum"), g.results().stream().map(Grader.Result::name).toList());
        assertTrue(g.passed(), Feedback.report(g));
    }

    @Test
    void binarySubmissionsAsHexRawTxfAndFat() throws Exception {
        Folders.write(course.resolve("bin"), "exercise.toml", "title = \"b\"\nsubmit = \"binary\"\n[[test]]\nname = \"p\"\nstdout = \"42\\n\"\n",
                "statement.md", "b", "starter.hex", "00\n");
        Exercise e = ExerciseReader.read(course.resolve("bin"), "bin");
        byte[] fat = Assembler.assembleFat("p.pasm", PRINT42, toyisa.asm.IncludeResolver.NONE).bytes();
        assertTrue(Grader.grade(e, Submission.prepare(e, "p.fat", fat)).passed());
        for (String cpu : new String[] {"armistice", "intellio"}) {
            byte[] txf = Assembler.assemble("p.pasm", PRINT42, Isa.byName(cpu)).toTxf();
            Grader.Grade g = Grader.grade(e, Submission.prepare(e, "p.txf", txf));
            assertEquals(1, g.results().stream().filter(Grader.Result::passed).count(), cpu + " TXF passes on its own CPU only");
        }
        byte[] raw = Assembler.assemble("p.pasm", PRINT42, Isa.byName("intellio")).binary();
        assertEquals(0.5, Grader.grade(e, Submission.prepare(e, "p.bin", raw)).score());
        assertEquals(0.5, Folders.grade(e, "20 10 22 2A CD 13 F4 ; hand-made\n").score());
        Grader.Grade bad = Folders.grade(e, "20 10\n22 2X\n");
        assertEquals(List.of("s.hex: line 2: '2X' is not a byte (two hex digits, like 2A)"), bad.problems());
        assertTrue(bad.formatError());
    }

    @Test
    void textAnswersAreNormalisedBeforeTheyAreCompared() {
        assertEquals(Answers.normalise("260"), Answers.normalise("0104h"));
        assertEquals(Answers.normalise("0x104"), Answers.normalise(" 104H. "));
        assertEquals("and r10, 4130", Answers.normalise("AND  r10, 1022h"));
        assertEquals("sigill", Answers.normalise("\"SIGILL\""));
    }

    @Test
    void pointsArePerTestSplitAmongItsRunsAndAddUp() throws Exception {
        Exercise e = Folders.source(course, "pts", "[[test]]\nname = \"a\"\nstdout = \"42\\n\"\npoints = 4\n"
                + "[[test]]\nname = \"b\"\nstdout = \"1\\n\"\npoints = 2\ncpus = [\"armistice\"]\n");
        Grader.Grade g = Folders.grade(e, "mov a, 10h\nmov c, 42\nint 13h\nhalt\n");
        assertEquals(6, g.maxScore());
        assertEquals(4, g.score());
        assertEquals(List.of(2.0, 2.0, 0.0), g.results().stream().map(Grader.Result::score).toList());
    }
}
