package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every writer of toyisa, each with a link planted where it is about to write (a file, or a folder
 * it writes into): the link's target is never touched and the user is told why nothing was written.
 * A shared folder — a class's submissions, {@code /tmp} — is where such a link would be planted.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PlantedLinkWritersTest {
    @TempDir
    Path dir;

    /** A registry file's text, so that the registry link's target reads as one. */
    private static final String PRECIOUS = """
            toyisa-intellio (enabled):
                 package = toyisa
                    type = extension
                  offset = 0
                   magic = precious
                    mask =\s
             interpreter = /usr/bin/true
                detector =\s
            """;
    /** The example course, as an instructor has it. */
    private static final Path COURSE = Path.of("..", "courses", "example").toAbsolutePath().normalize();

    record Ran(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Ran toyisa(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(status, out.toString(), err.toString());
    }

    /** One writer: what it writes (given a fresh folder), and the path it writes that gets the planted link. */
    record Writer(String name, Function<Path, Path> plantAt, boolean folder, Function<Path, String[]> command) {}

    private List<Writer> writers() throws IOException {
        Path jar = Files.writeString(dir.resolve("some.jar"), "not really a jar, but a regular file to ship");
        Path src = Files.writeString(dir.resolve("p.pasm"), "mov a, 10h\nmov c, 42\nint 13h\nhalt\n");
        List<Writer> w = new ArrayList<>();
        w.add(new Writer("asm -o FILE", d -> d.resolve("p.bin"), false,
                d -> new String[] {"asm", "--target", "intellio", "-o", d.resolve("p.bin").toString(), src.toString()}));
        w.add(new Writer("exercise grade: OUT/summary.csv", d -> d.resolve("out/summary.csv"), false,
                d -> grade(d, d.resolve("out"))));
        w.add(new Writer("exercise grade: OUT/STUDENT/results.json", d -> d.resolve("out/bob/results.json"), false,
                d -> grade(d, d.resolve("out"))));
        w.add(new Writer("exercise grade: OUT/STUDENT folder", d -> d.resolve("out/alice"), true,
                d -> grade(d, d.resolve("out"))));
        w.add(new Writer("exercise grade: OUT a link", d -> d.resolve("out"), true,
                d -> grade(d, d.resolve("out"))));
        w.add(new Writer("exercise grade into the submissions: a student's feedback.txt", d -> d.resolve("subs/carol/feedback.txt"), false,
                d -> grade(d, d.resolve("subs"))));
        w.add(new Writer("exercise autograde --results", d -> d.resolve("results.json"), false,
                d -> new String[] {"exercise", "autograde", "factorial", "--for", "gradescope", "--submission", src.toString(),
                    "--results", d.resolve("results.json").toString()}));
        w.add(new Writer("exercise check --json", d -> d.resolve("check.json"), false,
                d -> new String[] {"exercise", "check", "factorial", src.toString(), "--json", d.resolve("check.json").toString()}));
        w.add(new Writer("exercise package -o ZIP", d -> d.resolve("grader.zip"), false,
                d -> new String[] {"exercise", "--course", COURSE.toString(), "package", "factorial", "--for", "gradescope", "--jar", jar.toString(),
                    "-o", d.resolve("grader.zip").toString()}));
        w.add(new Writer("exercise new: the course folder", d -> d.resolve("course"), true,
                d -> new String[] {"exercise", "--course", d.resolve("course").toString(), "new", "double"}));
        w.add(new Writer("binfmt --export DIR", d -> d.resolve("formats"), true,
                d -> new String[] {"binfmt", "--registry", d.resolve("none").toString(), "--export", d.resolve("formats").toString()}));
        w.add(new Writer("binfmt --export DIR/NAME", d -> d.resolve("formats/toyisa-intellio"), false,
                d -> new String[] {"binfmt", "--registry", d.resolve("none").toString(), "--export", d.resolve("formats").toString()}));
        w.add(new Writer("binfmt: the registry file", d -> d.resolve("registry"), false,
                d -> new String[] {"binfmt", "--registry", d.resolve("registry").toString(), "--disable", "toyisa-intellio"}));
        if (WebServer.available())
            w.add(new Writer("web --export DIR", d -> d.resolve("site"), true,
                    d -> new String[] {"web", "--export", d.resolve("site").toString()}));
        return w;
    }

    private String[] grade(Path d, Path out) {
        try {
            Path subs = Files.createDirectories(d.resolve("subs"));
            String answer = "; a student's answer\n        halt\n";
            if (!Files.exists(subs.resolve("alice.pasm"))) Files.writeString(subs.resolve("alice.pasm"), answer);
            if (!Files.exists(subs.resolve("bob.pasm"))) Files.writeString(subs.resolve("bob.pasm"), answer);
            Files.createDirectories(subs.resolve("carol"));
            if (!Files.exists(subs.resolve("carol/factorial.pasm"))) Files.writeString(subs.resolve("carol/factorial.pasm"), answer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new String[] {"exercise", "grade", "factorial", d.resolve("subs").toString(), "-o", out.toString()};
    }

    @Test
    void noWriterWritesThroughALinkPlantedWhereItWrites() throws IOException {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Writer w : writers()) {
            Path d = Files.createDirectory(dir.resolve("case" + n++));
            Path at = w.plantAt().apply(d);
            Files.createDirectories(at.getParent());
            Path victim;
            if (w.folder()) {
                victim = Files.createDirectory(dir.resolve("victim-folder" + n));
                Files.writeString(victim.resolve("kept.txt"), PRECIOUS);
            } else {
                victim = Files.writeString(dir.resolve("victim" + n + ".txt"), PRECIOUS);
            }
            Files.createSymbolicLink(at, victim);
            w.command().apply(d); // creates the submissions before the run
            Ran r = toyisa(w.command().apply(d));
            if (w.folder()) {
                try (var s = Files.list(victim)) {
                    List<Path> inside = s.toList();
                    if (inside.size() != 1 || !Files.readString(victim.resolve("kept.txt")).equals(PRECIOUS))
                        failures.add(w.name() + ": wrote into the linked folder: " + inside);
                }
            } else if (!Files.readString(victim).equals(PRECIOUS)) {
                failures.add(w.name() + ": overwrote the link's target");
            }
            if (!Files.isSymbolicLink(at)) failures.add(w.name() + ": the link itself was replaced, not refused");
            if (!r.all().contains("is a symbolic link")) failures.add(w.name() + ": no clear message:\n" + r.all());
            if (r.all().contains("Exception")) failures.add(w.name() + ": a stack trace:\n" + r.all());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aPlantedFeedbackLinkStopsOnlyThatStudentAndTheSummarySaysSo() throws IOException {
        Path d = Files.createDirectory(dir.resolve("class"));
        String[] args = grade(d, d.resolve("subs"));
        Path victim = Files.writeString(dir.resolve("grades.ods"), PRECIOUS);
        Files.createSymbolicLink(d.resolve("subs/carol/feedback.txt"), victim);
        Ran r = toyisa(args);
        assertEquals(0, r.status(), r.all());
        assertEquals(PRECIOUS, Files.readString(victim));
        assertTrue(Files.isRegularFile(d.resolve("subs/alice/feedback.txt")), "the others are graded");
        String summary = Files.readString(d.resolve("subs/summary.csv"));
        assertTrue(summary.lines().anyMatch(l -> l.startsWith("carol,") && l.contains("is a symbolic link")), summary);
    }

    @Test
    void aRegularFileIsReplacedWholeAndKeepsItsPermissions() throws IOException {
        Path src = Files.writeString(dir.resolve("p.pasm"), "halt\n");
        Path bin = Files.writeString(dir.resolve("p.bin"), "old bytes, longer than the new ones");
        assumeTrue(Files.getFileStore(bin).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(bin, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Ran r = toyisa("asm", "--target", "intellio", "-o", bin.toString(), src.toString());
        assertEquals(0, r.status(), r.all());
        assertNotEquals("old bytes, longer than the new ones", Files.readString(bin, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1, Files.size(bin), "intellio's halt is one byte");
        assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(bin)));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left behind");
        }
    }
}
