package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editors on Windows start a UTF-8 file with a byte-order mark (EF BB BF) and some old ones end
 * lines with a lone CR. A correct submission written that way scores full marks, in every kind of
 * exercise, through every reader: the submission, the class's folder, the course's own files.
 */
class ByteOrderMarkSubmissionScoresFullTest {
    static final byte[] MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path tmp;

    static byte[] marked(byte[] text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MARK);
        b.writeBytes(text);
        return b.toByteArray();
    }

    static String lineEnds(String text, String end) {
        return text.replace("\r\n", "\n").replace("\n", end);
    }

    static Course example() {
        return Course.open(ExampleCourseTest.EXAMPLE);
    }

    /** The reference solution with a mark and each kind of line end scores what it scores plain. */
    private static void scoresFull(String id) {
        Exercise e = example().entry(id).orElseThrow().exercise();
        String plain = new String(e.solution(), StandardCharsets.UTF_8);
        double full = e.maxScore();
        for (String end : new String[] {"\n", "\r\n", "\r"}) {
            byte[] file = marked(lineEnds(plain, end).getBytes(StandardCharsets.UTF_8));
            Grader.Grade g = Grader.grade(e, Submission.prepare(e, e.solutionFile(), file));
            assertEquals(full, g.score(), id + " with a byte-order mark and " + end.replace("\r", "CR").replace("\n", "LF")
                    + " line ends:\n" + Feedback.report(g));
            assertTrue(g.problems().isEmpty(), g.problems().toString());
        }
    }

    @Test
    void sourceWithByteOrderMarkScoresFull() {
        scoresFull("sum");
        scoresFull("factorial");
    }

    @Test
    void textAnswersWithByteOrderMarkScoreFull() {
        // The mark used to glue itself to the first question's id, so the first answer silently failed.
        scoresFull("predict-misdecode");
    }

    @Test
    void hexTextWithByteOrderMarkScoresFull() {
        scoresFull("hand-encode-armistice");
        scoresFull("hand-encode-intellio");
    }

    @Test
    void binfmtEntryWithByteOrderMarkScoresFull() {
        scoresFull("binfmt-intellio");
    }

    @Test
    void aClassFolderOfMarkedFilesScoresFull() throws IOException {
        Exercise e = example().entry("sum").orElseThrow().exercise();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("windows.pasm"), marked(lineEnds(ClassGradingTest.SUM, "\r\n").getBytes(StandardCharsets.UTF_8)));
        Files.write(in.resolve("oldmac.pasm"), marked(lineEnds(ClassGradingTest.SUM, "\r").getBytes(StandardCharsets.UTF_8)));
        ClassGrading.Summary s = ClassGrading.grade(e, in, tmp.resolve("out"));
        assertEquals(2, s.rows().size());
        for (ClassGrading.Row r : s.rows()) assertEquals(e.maxScore(), r.score(), r.student() + ": " + r.status());
    }

    @Test
    void courseFilesWithByteOrderMarkAreRead() throws IOException {
        Path course = tmp.resolve("course");
        Path ex = Files.createDirectories(course.resolve("double"));
        Files.write(course.resolve("course.toml"), marked("title = \"CS 101\"\r\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(ex.resolve("exercise.toml"), marked(("title = \"Double\"\r[[test]]\rname = \"one\"\rinput_file = \"tests/one.in\"\r"
                + "stdout_file = \"tests/one.out\"\r").getBytes(StandardCharsets.UTF_8)));
        Files.createDirectories(ex.resolve("tests"));
        Files.write(ex.resolve("tests/one.in"), marked("21\r\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(ex.resolve("tests/one.out"), marked("42\r\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(ex.resolve("statement.md"), marked("# Double\r".getBytes(StandardCharsets.UTF_8)));
        Files.write(ex.resolve("starter.pasm"), marked("halt\r".getBytes(StandardCharsets.UTF_8)));
        Course c = Course.open(course);
        assertEquals("CS 101", c.title(), String.valueOf(c.problem()));
        Course.Entry entry = c.entry("double").orElseThrow();
        assertFalse(entry.broken(), () -> entry.problem().getMessage());
        Exercise e = entry.exercise();
        assertEquals("21\n", e.tests().get(0).input());
        assertEquals("# Double\n", e.statement());
        assertEquals("halt\n", e.starter());
        String twice = "mov a, 21h\nint 13h\nadd c, c\nmov a, 10h\nint 13h\nhalt\n";
        Grader.Grade g = Grader.grade(e, Submission.prepare(e, "d.pasm", marked(twice.getBytes(StandardCharsets.UTF_8))));
        assertTrue(g.passed(), Feedback.report(g));
    }
}
