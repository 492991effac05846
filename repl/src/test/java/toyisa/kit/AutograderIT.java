package toyisa.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instructor's whole path with the built jar, as docs/exercises.md describes it: a new exercise
 * in a folder outside the project, validated, a class of 30 graded, packaged for Gradescope and for
 * PrairieLearn, and each package unzipped (with unzip, as the platforms do) into a simulated platform
 * root and run by its own script — run directly, so a script stored without its run bit fails.
 */
class AutograderIT {
    static final Path JAR = Path.of("target", "toyisa.jar").toAbsolutePath();
    static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Ran(int status, String out) {}

    Ran toyisa(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return run(env, cmd);
    }

    Ran run(Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().remove("TOYISA_COURSE");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static final String DOUBLE = """
            mov a, 21h
            int 13h
            add c, c
            mov a, 10h
            int 13h
            halt
            """;

    @Test
    void anInstructorsExerciseFromScaffoldToBothPlatforms() throws Exception {
        Path course = tmp.resolve("my course");
        Ran made = toyisa(Map.of(), "exercise", "--course", course.toString(), "new", "double");
        assertEquals(0, made.status(), made.out());
        Path ex = course.resolve("double");
        Files.writeString(ex.resolve("exercise.toml"), """
                title = "Double a number"
                lesson = "input and arithmetic"
                submit = "source"
                cpus = ["armistice", "intellio"]
                engines = ["interpreter", "translated"]
                budget = 10000
                time_limit = 2

                [[test]]
                name = "twenty-one"
                input = "21\\n"
                stdout = "42\\n"
                points = 2
                """);
        Files.writeString(ex.resolve("hidden.toml"), """
                [[test]]
                name = "large"
                input = "30000\\n"
                stdout = "60000\\n"
                points = 2
                [[test]]
                name = "short"
                input = "5\\n"
                stdout = "10\\n"
                code_size = { armistice = 24, intellio = 12 }
                visibility = "after_due_date"
                """);
        Files.writeString(ex.resolve("solution.pasm"), DOUBLE);
        Files.writeString(ex.resolve("starter.pasm"), "; Read N, print 2N.\nhalt\n");
        Ran valid = toyisa(Map.of(), "exercise", "--course", course.toString(), "validate", "double");
        assertEquals(0, valid.status(), valid.out());
        assertTrue(valid.out().contains("ok      double: solution passes 9/9 results (5 points)"), valid.out());

        // A class of 30.
        Path subs = Files.createDirectories(tmp.resolve("submissions"));
        for (int i = 0; i < 22; i++) Files.writeString(subs.resolve("student " + i + ".pasm"), DOUBLE);
        Files.writeString(subs.resolve("wrong.pasm"), "mov a, 21h\nint 13h\nmov a, 10h\nint 13h\nhalt\n");
        Files.writeString(subs.resolve("empty.pasm"), "");
        Files.write(subs.resolve("junk.pasm"), new byte[] {0, (byte) 0xFF, 0x13, (byte) 0x88});
        Files.writeString(subs.resolve("loop.pasm"), "l: jmp l\n");
        Files.writeString(subs.resolve("flood.pasm"), "mov a, 11h\nmov c, 'y'\nl: int 13h\njmp l\n");
        Files.writeString(subs.resolve("名前 with spaces.pasm"), DOUBLE);
        Files.writeString(subs.resolve("..sneaky.pasm"), DOUBLE);
        Files.createDirectories(subs.resolve("..").resolve("x"));
        Path withFolder = Files.createDirectories(subs.resolve("in a folder"));
        Files.writeString(withFolder.resolve("double.pasm"), DOUBLE);
        Files.writeString(subs.resolve("trailing.pasm"), DOUBLE.replace("halt", "mov a, 11h\nmov c, ' '\nint 13h\nhalt"));
        Path out = tmp.resolve("results");
        Ran graded = toyisa(Map.of(), "exercise", "--course", course.toString(), "grade", "double", subs.toString(), "-o", out.toString());
        assertEquals(0, graded.status(), graded.out());
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(31, csv.size(), String.join("\n", csv));
        assertTrue(graded.out().contains("(30 students;"), graded.out());
        assertTrue(csv.contains("名前 with spaces,名前 with spaces,5,5,graded,"), csv.toString());

        // Gradescope.
        Path zip = tmp.resolve("autograder.zip");
        Ran pack = toyisa(Map.of(), "exercise", "--course", course.toString(), "package", "double", "--for", "gradescope", "-o", zip.toString());
        assertEquals(0, pack.status(), pack.out());
        List<String> entries = unzip(zip, tmp.resolve("gs").resolve("source"));
        assertTrue(entries.containsAll(List.of("setup.sh", "run_autograder", "toyisa.jar", "course/double/exercise.toml", "course/double/hidden.toml")), entries.toString());
        assertFalse(entries.stream().anyMatch(n -> n.contains("solution")), "no solution in the package: " + entries);
        assertMode("rwxr-xr-x", tmp.resolve("gs/source/run_autograder"));
        assertMode("rwxr-xr-x", tmp.resolve("gs/source/setup.sh"));
        assertMode("rw-r--r--", tmp.resolve("gs/source/toyisa.jar"));
        assertMode("rw-r--r--", tmp.resolve("gs/source/course/double/hidden.toml"));
        Schema gs = schema("gradescope-results.schema.json");
        for (String[] c : new String[][] {{"right.pasm", DOUBLE, "5.0"}, {"wrong.pasm", "halt\n", "0.0"}, {"junk.pasm", "\u0000\u00ff", "0.0"}}) {
            Path root = tmp.resolve("gs");
            Path sub = root.resolve("submission");
            if (Files.exists(sub)) try (var s = Files.list(sub)) { for (Path p : (Iterable<Path>) s::iterator) Files.delete(p); }
            Files.createDirectories(sub);
            Files.writeString(sub.resolve(c[0]), c[1]);
            // Run as Gradescope runs it: the script itself, not "bash script" (which would hide a lost run bit).
            Ran r = run(Map.of("AUTOGRADER_ROOT", root.toString()), List.of(root.resolve("source").resolve("run_autograder").toString()));
            assertEquals(0, r.status(), r.out());
            String json = Files.readString(root.resolve("results").resolve("results.json"));
            assertEquals(List.of(), gs.validate(json, InputFormat.JSON), json);
            JsonNode n = JSON.readTree(json);
            assertEquals(Double.parseDouble(c[2]), n.get("score").asDouble(), json);
            assertFalse(json.contains("30000") || json.contains("60000"), "hidden data leaks: " + json);
        }

        // PrairieLearn.
        Path plZip = tmp.resolve("prairielearn.zip");
        Ran plPack = toyisa(Map.of(), "exercise", "--course", course.toString(), "package", "double", "--for", "prairielearn", "-o", plZip.toString());
        assertEquals(0, plPack.status(), plPack.out());
        Path question = tmp.resolve("question");
        List<String> plEntries = unzip(plZip, question);
        assertTrue(plEntries.containsAll(List.of("info.json", "question.html", "tests/run", "tests/toyisa.jar")), plEntries.toString());
        assertMode("rwxr-xr-x", question.resolve("tests/run"));
        assertMode("rw-r--r--", question.resolve("info.json"));
        JsonNode info = JSON.readTree(question.resolve("info.json").toFile());
        assertEquals("External", info.get("gradingMethod").asText());
        assertEquals("/grade/tests/run", info.get("externalGradingOptions").get("entrypoint").asText());
        Path grade = tmp.resolve("grade");
        copyTree(question.resolve("tests"), grade.resolve("tests"));
        Schema pl = schema("prairielearn-results.schema.json");
        for (String[] c : new String[][] {{DOUBLE, "true", "1.0"}, {"movv a, 1\n", "false", ""}, {"mov c, 42\nmov a, 10h\nint 13h\nhalt\n", "true", "0.4"}}) {
            Path student = grade.resolve("student");
            Files.createDirectories(student);
            Files.writeString(student.resolve("submission.pasm"), c[0]);
            Ran r = run(Map.of("PL_GRADE_ROOT", grade.toString()), List.of(grade.resolve("tests").resolve("run").toString()));
            assertEquals(0, r.status(), r.out());
            String json = Files.readString(grade.resolve("results").resolve("results.json"));
            assertEquals(List.of(), pl.validate(json, InputFormat.JSON), json);
            JsonNode n = JSON.readTree(json);
            assertEquals(Boolean.parseBoolean(c[1]), n.get("gradable").asBoolean(), json);
            if (!c[2].isEmpty()) assertEquals(Double.parseDouble(c[2]), n.get("score").asDouble(), json);
            else assertTrue(n.get("format_errors").get(0).asText().contains("unknown instruction 'movv'"), json);
        }
    }

    static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMAS.resolve(name)), InputFormat.JSON);
    }

    /** Unzips with the real unzip command, as a platform does (it restores the modes the zip stores); returns the files' names. */
    static List<String> unzip(Path zip, Path into) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                assertTrue(into.resolve(e.getName()).normalize().startsWith(into), "zip entry escapes: " + e.getName());
                if (!e.isDirectory()) names.add(e.getName());
            }
        }
        Files.createDirectories(into);
        Process p = new ProcessBuilder("unzip", "-q", zip.toString(), "-d", into.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "unzip: " + out);
        return names;
    }

    static void assertMode(String mode, Path file) throws IOException {
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)), file.toString());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
