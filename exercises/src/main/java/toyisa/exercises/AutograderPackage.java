package toyisa.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import toyisa.container.HostWrites;

/**
 * {@code toyisa exercise package}: one exercise as an autograder for a platform, in a zip. The zip
 * holds the toyisa jar, the exercise with its hidden tests (never its solution), and the platform's
 * scripts; see docs/exercises.md for how each platform runs it.
 */
public final class AutograderPackage {
    /** Where the exercise goes inside the package, as a one-exercise course. */
    static final String COURSE = "course";
    /** The Docker image PrairieLearn runs the grader in: any image with a Java 17+ runtime will do. */
    public static final String PRAIRIELEARN_IMAGE = "eclipse-temurin:17-jre";

    private AutograderPackage() {}

    /**
     * Writes the package.
     *
     * @return the names of the entries written
     */
    public static List<String> write(Course course, Exercise e, Platform platform, Path jar, Path zip, String image) throws IOException {
        Path dir = course.root().resolve(e.id());
        List<String> names = new ArrayList<>();
        HostWrites.write(zip, os -> {
            ZipOutputStream z = new ZipOutputStream(os);
            String prefix = platform == Platform.GRADESCOPE ? "" : "tests/";
            if (platform == Platform.GRADESCOPE) {
                put(z, names, "setup.sh", gradescopeSetup(), true);
                put(z, names, "run_autograder", gradescopeRun(e), true);
            } else {
                put(z, names, "info.json", prairieLearnInfo(e, image), false);
                put(z, names, "question.html", prairieLearnQuestion(e), false);
                put(z, names, "tests/run", prairieLearnRun(e), true);
            }
            putFile(z, names, prefix + "toyisa.jar", jar);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    Path rel = dir.relativize(p);
                    if (rel.getNameCount() == 0 || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                    if (StudentEdition.isSolution(rel.getName(0).toString()) || rel.toString().startsWith(".")) continue;
                    putFile(z, names, prefix + COURSE + "/" + e.id() + "/" + rel.toString().replace('\\', '/'), p);
                }
            }
            z.finish();
        });
        return names;
    }

    private static void put(ZipOutputStream z, List<String> names, String name, String text, boolean executable) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        z.putNextEntry(entry);
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
        names.add(name);
    }

    private static void putFile(ZipOutputStream z, List<String> names, String name, Path file) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        z.putNextEntry(entry);
        Files.copy(file, z);
        z.closeEntry();
        names.add(name);
    }

    static String gradescopeSetup() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once, as root, when it builds the autograder image: a Java runtime
                # from the distribution's packages is all toyisa needs.
                set -euo pipefail
                export DEBIAN_FRONTEND=noninteractive
                apt-get update -q
                apt-get install -y -q --no-install-recommends openjdk-17-jre-headless \\
                  || apt-get install -y -q --no-install-recommends default-jre-headless
                java -version
                """;
    }

    static String gradescopeRun(Exercise e) {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission. The root is /autograder; set AUTOGRADER_ROOT
                # to try the package elsewhere. toyisa writes results/results.json whatever was handed in.
                root="${AUTOGRADER_ROOT:-/autograder}"
                mkdir -p "$root/results"
                exec java -jar "$root/source/toyisa.jar" exercise autograde --for gradescope \\
                  --course "$root/source/course" --submission "$root/submission" \\
                  --results "$root/results/results.json" %s
                """.formatted(e.id());
    }

    static String prairieLearnRun(Exercise e) {
        return """
                #!/usr/bin/env bash
                # PrairieLearn's external grader runs this (the question's entrypoint). The root is /grade;
                # set PL_GRADE_ROOT to try the package elsewhere.
                root="${PL_GRADE_ROOT:-/grade}"
                mkdir -p "$root/results"
                exec java -jar "$root/tests/toyisa.jar" exercise autograde --for prairielearn \\
                  --course "$root/tests/course" --submission "$root/student" \\
                  --results "$root/results/results.json" %s
                """.formatted(e.id());
    }

    static String prairieLearnInfo(Exercise e, String image) {
        var json = GradescopeResults.JSON;
        var root = json.createObjectNode();
        root.put("uuid", UUID.nameUUIDFromBytes(("toyisa-exercise:" + e.id()).getBytes(StandardCharsets.UTF_8)).toString());
        root.put("title", e.title());
        root.put("topic", e.lesson().isEmpty() ? "toyisa" : e.lesson());
        root.putArray("tags").add("toyisa");
        root.put("type", "v3");
        root.put("singleVariant", true);
        root.put("gradingMethod", "External");
        var ext = root.putObject("externalGradingOptions");
        ext.put("enabled", true);
        ext.put("image", image == null ? PRAIRIELEARN_IMAGE : image);
        ext.put("entrypoint", "/grade/tests/run");
        ext.put("timeout", 60);
        return GradescopeResults.write(root);
    }

    static String prairieLearnQuestion(Exercise e) {
        String file = "submission" + e.submissionExtension();
        String upload = e.submit() == Exercise.Submit.BINARY
                ? "<pl-file-upload file-names=\"" + file + "\"></pl-file-upload>"
                : "<pl-file-editor file-name=\"" + file + "\">" + html(e.starter()) + "</pl-file-editor>";
        return "<pl-question-panel>\n<markdown>\n" + e.statement().replace("</markdown>", "&lt;/markdown>") + "\n</markdown>\n"
                + "</pl-question-panel>\n\n" + upload + "\n\n<pl-submission-panel>\n  <pl-external-grader-results></pl-external-grader-results>\n"
                + "  <pl-file-preview></pl-file-preview>\n</pl-submission-panel>\n";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
