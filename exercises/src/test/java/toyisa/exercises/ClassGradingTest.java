package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of 30, as a real folder of submissions looks: right, wrong, empty, junk, hangs, floods,
 * folders with one file or two, symbolic links, notes, and names with spaces, unicode and dots.
 * Every student gets a results file and a summary row; nothing is written outside OUT.
 */
class ClassGradingTest {
    @TempDir
    Path tmp;

    static final String SUM = "        mov b, 0\nnext:   mov a, 21h\n        int 13h\n        cmp c, 0FFFFh\n        jz done\n"
            + "        add b, c\n        jmp next\ndone:   mov c, b\n        mov a, 10h\n        int 13h\n        halt\n";

    @Test
    void aClassOfThirty() throws IOException {
        Exercise sum = Course.open(ExampleCourseTest.EXAMPLE).entry("sum").orElseThrow().exercise();
        Path in = Files.createDirectories(tmp.resolve("submissions"));
        Path out = tmp.resolve("out");
        Map<String, String> expect = new TreeMap<>(); // folder -> score
        for (int i = 1; i <= 12; i++) {
            Files.writeString(in.resolve("student" + i + ".pasm"), SUM);
            expect.put("student" + i, "3");
        }
        Files.writeString(in.resolve("Zoë Ångström.PASM"), SUM);
        expect.put("Zoë Ångström", "3");
        Files.writeString(in.resolve("wrong answer.pasm"), "mov c, 6\nmov a, 10h\nint 13h\nhalt\n");
        expect.put("wrong answer", "1"); // right for one visible test of three
        Files.writeString(in.resolve("empty.pasm"), "");
        expect.put("empty", "0");
        Files.write(in.resolve("junk.pasm"), new byte[] {(byte) 0xFF, 0, (byte) 0xC3, 0x28, 7});
        expect.put("junk", "0");
        Files.writeString(in.resolve("hangs.pasm"), "loop: jmp loop\n");
        expect.put("hangs", "0");
        Files.writeString(in.resolve("floods.pasm"), "mov a, 11h\nmov c, 'x'\nloop: int 13h\njmp loop\n");
        expect.put("floods", "0");
        Files.writeString(in.resolve("does not assemble.pasm"), "movv a, 1\n");
        expect.put("does not assemble", "0");
        Files.write(in.resolve("huge.pasm"), new byte[Submission.MAX_BYTES + 10]);
        expect.put("huge", "0");
        Files.writeString(in.resolve("..dots.pasm"), SUM); // a dotfile: not a student
        Files.writeString(in.resolve("-=cmd().pasm"), SUM);
        expect.put("-_cmd__", "3");
        Path folder = Files.createDirectories(in.resolve("alice"));
        Files.writeString(folder.resolve("sum.ASM"), SUM);
        Files.writeString(folder.resolve("notes.txt"), "I did my best");
        Files.writeString(folder.resolve(".DS_Store"), "junk");
        expect.put("alice", "3");
        Path two = Files.createDirectories(in.resolve("bob"));
        Files.writeString(two.resolve("a.pasm"), SUM);
        Files.writeString(two.resolve("b.pasm"), SUM);
        expect.put("bob", "0");
        Path nested = Files.createDirectories(in.resolve("carol").resolve("lab1"));
        Files.writeString(nested.resolve("sum.pasm"), SUM);
        expect.put("carol", "3");
        Files.createDirectories(in.resolve("dave"));
        expect.put("dave", "0");
        Path secret = Files.writeString(tmp.resolve("secret.pasm"), SUM);
        Files.createSymbolicLink(in.resolve("link.pasm"), secret);
        expect.put("link", "0");
        Path eve = Files.createDirectories(in.resolve("eve"));
        Files.createSymbolicLink(eve.resolve("sum.pasm"), secret);
        expect.put("eve", "0");
        Files.writeString(in.resolve("README.md"), "how to submit"); // not a submission of this exercise
        Files.writeString(in.resolve("frank.s"), SUM);
        expect.put("frank-2", "3");
        Files.writeString(in.resolve("Frank.pasm"), SUM); // the same name but for case: each gets a folder of its own
        expect.put("Frank", "3");
        Files.writeString(in.resolve("grace.Asm"), SUM.replace("\n", "\r\n")); // written on Windows
        expect.put("grace", "3");
        assertEquals(30, expect.size());

        ClassGrading.Summary s = ClassGrading.grade(sum, in, out);
        Map<String, String> got = new TreeMap<>();
        for (ClassGrading.Row r : s.rows()) got.put(r.folder(), Grader.number(r.score()));
        assertEquals(expect, got);
        assertEquals(List.of("..dots.pasm", "README.md"), s.ignored());

        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(31, csv.size(), "a header and one row per student");
        assertTrue(csv.contains("'-=cmd(),-_cmd__,3,3,graded") || csv.stream().anyMatch(l -> l.startsWith("\"'-=cmd()\"")), csv.toString());
        for (String student : expect.keySet()) {
            Path results = out.resolve(student).resolve("results.json");
            assertTrue(Files.isRegularFile(results), student + " has no results.json");
            assertTrue(Files.isRegularFile(out.resolve(student).resolve("feedback.txt")));
        }
        assertTrue(feedback(out, "bob").contains("more than one submission (a.pasm, b.pasm)"));
        assertTrue(feedback(out, "dave").contains("no submission"));
        assertTrue(feedback(out, "link").contains("symbolic link"));
        assertTrue(feedback(out, "eve").contains("symbolic link"));
        assertTrue(feedback(out, "huge").contains("larger than 1 MiB"));
        assertTrue(feedback(out, "junk").contains("not a text file"));
        assertTrue(feedback(out, "hangs").contains("Timeout"));
        assertTrue(feedback(out, "floods").contains("exit status 153"));

        List<Path> written = new ArrayList<>();
        try (Stream<Path> w = Files.walk(tmp)) {
            w.filter(Files::isRegularFile).forEach(written::add);
        }
        for (Path p : written)
            assertTrue(p.startsWith(in) || p.startsWith(out) || p.equals(secret), "written outside OUT: " + p);
    }

    private static String feedback(Path out, String student) throws IOException {
        return Files.readString(out.resolve(student).resolve("feedback.txt"), StandardCharsets.UTF_8);
    }
}
