package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static toyisa.cli.Goldens.toyisa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toyisa.cli.Goldens.Ran;

/** What a lecturer running a real class met at the command line: each test is named after what it reproduces. */
class LecturerGradingCommandTest {
    @TempDir
    Path dir;

    static final Path EXAMPLE = Path.of("..", "courses", "example");

    static final String SUM = "        mov b, 0\nnext:   mov a, 21h\n        int 13h\n        cmp c, 0FFFFh\n        jz done\n"
            + "        add b, c\n        jmp next\ndone:   mov c, b\n        mov a, 10h\n        int 13h\n        halt\n";

    static byte[] marked(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    @Test
    void byteOrderMarkSubmissionScoresFullInCheckGradeAndAutograde() throws IOException {
        for (String end : new String[] {"\r\n", "\r"}) {
            Path sub = Files.write(dir.resolve("sum" + end.length() + ".pasm"), marked(SUM.replace("\n", end)));
            Ran check = toyisa("exercise", "--course", EXAMPLE.toString(), "check", "sum", sub.toString());
            assertEquals(0, check.status(), check.out() + check.err());
            assertTrue(check.out().contains("score: 3/3"), check.out());
            Path results = dir.resolve("results" + end.length() + ".json");
            Ran auto = toyisa("exercise", "--course", EXAMPLE.toString(), "autograde", "sum", "--for", "gradescope",
                    "--submission", sub.toString(), "--results", results.toString());
            assertEquals("sum: 3/3\n", auto.out(), auto.err());
        }
        Path subs = Files.createDirectories(dir.resolve("class"));
        Files.write(subs.resolve("ann.pasm"), marked(SUM.replace("\n", "\r\n")));
        Ran grade = toyisa("exercise", "--course", EXAMPLE.toString(), "grade", "sum", subs.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, grade.status(), grade.err());
        assertTrue(Files.readAllLines(dir.resolve("out/summary.csv")).contains("ann,ann,3,3,graded,"), grade.out());
    }

    @Test
    void byteOrderMarkSourceAndIncludeAssembleWithLoneCarriageReturns() throws IOException {
        Files.write(dir.resolve("lib.pasm"), marked("print:  mov a, 10h\r        int 13h\r        ret\r"));
        Path main = Files.write(dir.resolve("main.pasm"), marked("start:  mov c, 42\r\n        call print\r\n        halt\r\n.include \"lib.pasm\"\r\n"));
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Ran a = toyisa("asm", "--target", cpu, "-o", dir.resolve("m.bin").toString(), main.toString());
            assertEquals(0, a.status(), a.err());
            Ran run = toyisa("run", "--cpu", cpu, dir.resolve("m.bin").toString());
            assertEquals("42", run.out().strip(), run.err());
        }
    }

    @Test
    void textExerciseCheckSaysWhatItCanCheckInsteadOfScoreZeroOfZero() throws IOException {
        // The jar's own course is the student edition: no hidden.toml, so no answers to compare with.
        Path answers = Files.write(dir.resolve("answers.txt"), marked("armistice-first: and r10, 1022h\r\narmistice-dies-at: 0104h\r\n"
                + "armistice-signal: SIGILL\r\nintellio-count: 7\r\nintellio-dies-at: 010Ch\r\nintellio-signal: SIGILL\r\n"));
        Ran all = toyisa("exercise", "check", "predict-misdecode", answers.toString());
        assertEquals(0, all.status(), all.out() + all.err());
        assertFalse(all.out().contains("score: 0/0"), all.out());
        assertTrue(all.out().contains("answered   armistice-first: and r10, 1022h"), "the first answer, after a byte-order mark: " + all.out());
        assertTrue(all.out().contains("not checked here: whether the answers are right. The autograder compares them"), all.out());
        assertTrue(all.out().contains("(6 questions, 6 points)"), all.out());

        Path partial = Files.writeString(dir.resolve("partial.txt"), "armistice-first: and r10, 1022h\nintelio-count: 7\n");
        Ran some = toyisa("exercise", "check", "predict-misdecode", partial.toString());
        assertEquals(1, some.status(), some.out());
        assertTrue(some.out().contains("NO ANSWER  armistice-dies-at"), some.out());
        assertTrue(some.out().contains("UNKNOWN    intelio-count: no question has this id"), some.out());

        // The instructor's copy has the answers: check grades them as the autograder does.
        Ran graded = toyisa("exercise", "--course", EXAMPLE.toString(), "check", "predict-misdecode", answers.toString());
        assertEquals(0, graded.status(), graded.out());
        assertTrue(graded.out().contains("score: 6/6"), graded.out());
    }

    @Test
    void gradePrintsPassRatesAndTheReasonASubmissionDoesNotAssemble() throws IOException {
        Path subs = Files.createDirectories(dir.resolve("class"));
        Files.writeString(subs.resolve("ann.pasm"), SUM);
        Files.writeString(subs.resolve("bea.pasm"), "movv a, 1\nhalt\n");
        Ran grade = toyisa("exercise", "--course", EXAMPLE.toString(), "grade", "sum", subs.toString(), "-o", dir.resolve("out").toString());
        assertEquals(0, grade.status(), grade.err());
        assertTrue(grade.out().contains("passed, by test:"), grade.out());
        assertTrue(grade.out().matches("(?s).*\\n  Armistice: three +1/2 +50%\\n.*"), grade.out());
        assertTrue(grade.out().matches("(?s).*\\n  Intellio \\(translated\\): many \\(hidden\\) +1/2 +50%\\n.*"), grade.out());
        assertTrue(grade.out().contains("pass rates in " + dir.resolve("out").resolve("tests.csv")), grade.out());
        List<String> summary = Files.readAllLines(dir.resolve("out/summary.csv"));
        assertTrue(summary.get(2).contains("unknown instruction 'movv'"), summary.toString());
    }

    @Test
    void validateShowsTheInstructorWhyTheSolutionFailsAHiddenTest() throws IOException {
        Path ex = Files.createDirectories(dir.resolve("course/double"));
        Files.writeString(ex.resolve("exercise.toml"), "title = \"Double\"\n[[test]]\nname = \"small\"\ninput = \"2\\n\"\nstdout = \"4\\n\"\n");
        Files.writeString(ex.resolve("hidden.toml"), "[[test]]\nname = \"large\"\ninput = \"31337\\n\"\nstdout = \"62674\\n\"\n");
        Files.writeString(ex.resolve("statement.md"), "# Double\n");
        Files.writeString(ex.resolve("starter.pasm"), "halt\n");
        Files.writeString(ex.resolve("solution.pasm"), "mov a, 21h\nint 13h\nmov c, 4\nmov a, 10h\nint 13h\nhalt\n");
        Ran v = toyisa("exercise", "--course", dir.resolve("course").toString(), "validate", "double");
        assertEquals(1, v.status());
        assertTrue(v.out().contains("error: the solution fails Armistice: large (hidden): output differs\n"), v.out());
        assertTrue(v.out().contains("        - 62674\n") && v.out().contains("        + 4\n"), v.out());
        Ran check = toyisa("exercise", "--course", dir.resolve("course").toString(), "check", "double", ex.resolve("solution.pasm").toString());
        assertFalse(check.out().contains("62674") || check.out().contains("31337"), check.out());
    }

    @Test
    void showAndExportRefuseAVisibleTestNamingHiddenData() throws IOException {
        Path ex = Files.createDirectories(dir.resolve("course/double"));
        Files.createDirectories(ex.resolve("hidden"));
        Files.writeString(ex.resolve("exercise.toml"), "title = \"Double\"\n[[test]]\nname = \"one\"\ninput = \"2\\n\"\nstdout_file = \"hidden/large.out\"\n");
        Files.writeString(ex.resolve("hidden/large.out"), "SECRET-62674\n");
        Files.writeString(ex.resolve("statement.md"), "# Double\n");
        Files.writeString(ex.resolve("starter.pasm"), "halt\n");
        String course = dir.resolve("course").toString();
        Ran show = toyisa("exercise", "--course", course, "show", "double");
        assertEquals(Toyisa.USAGE, show.status());
        assertTrue(show.err().contains("field 'stdout_file': 'hidden/large.out' is an instructor-only file"), show.err());
        Ran validate = toyisa("exercise", "--course", course, "validate");
        assertEquals(1, validate.status());
        Ran export = toyisa("web", "--course", course, "--export", dir.resolve("site").toString());
        assertEquals(0, export.status(), export.err());
        assertFalse(Files.readString(dir.resolve("site/course.js")).contains("SECRET"));
        for (Ran r : new Ran[] {show, validate, export}) assertFalse((r.out() + r.err()).contains("SECRET"), r.toString());
    }

    @Test
    void webServesTheCourseAsEditedNotAsItWasAtStart() throws Exception {
        Path ex = Files.createDirectories(dir.resolve("course/echo"));
        Files.writeString(ex.resolve("exercise.toml"), "title = \"Echo\"\n[[test]]\nname = \"seen\"\ninput = \"7\\n\"\nstdout = \"7\\n\"\n");
        Files.writeString(ex.resolve("statement.md"), "Print the number you read.\n");
        Files.writeString(ex.resolve("starter.pasm"), "halt\n");
        Path course = dir.resolve("course").toAbsolutePath();
        StringWriter out = new StringWriter(), err = new StringWriter();
        WebCommand web = new WebCommand();
        CommandLine cl = new CommandLine(web);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--no-open", "--course", course.toString()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (web.server == null && System.currentTimeMillis() < deadline && !status.isDone()) Thread.sleep(10);
        assertTrue(web.server != null, "the server did not start: " + err);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.server.port() + "/course.js")).build();
        try {
            assertTrue(out.toString().contains("(read again whenever its files change"), out.toString());
            assertTrue(http.send(get, HttpResponse.BodyHandlers.ofString()).body().contains("Print the number you read."));
            Path statement = ex.resolve("statement.md");
            Files.writeString(statement, "Print the number you read, then stop.\n");
            Files.setLastModifiedTime(statement, FileTime.fromMillis(Files.getLastModifiedTime(statement).toMillis() + 2000));
            // A broken edit: the page lists the exercise as broken, naming the file relative to the course.
            Files.writeString(ex.resolve("exercise.toml"), "title = \"Echo\"\n[[test]]\nname = \"seen\"\nstdot = \"7\\n\"\n");
            String js = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(js.contains("echo/exercise.toml:4: test 'seen', field 'stdot'"), js);
            assertFalse(js.contains(course.toString()), "the instructor's path in the page: " + js);
            Files.writeString(ex.resolve("exercise.toml"), "title = \"Echo\"\n[[test]]\nname = \"seen\"\nstdout = \"7\\n\"\n");
            js = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(js.contains("then stop."), js);
            assertTrue(out.toString().contains("toyisa web: the course changed, re-read: 1 exercises"), out.toString());
        } finally {
            web.stop.countDown();
        }
        assertEquals(0, status.get());
    }
}
