package toyisa.exercises;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
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
        // Built in a private folder of its own, then written to the named place without following a link.
        Path work = Files.createTempDirectory("toyisa-package");
        Path tmp = work.resolve("package.zip");
        try {
            // The JDK's zip file system stores each entry's Unix mode, so the scripts unzip runnable.
            try (FileSystem z = FileSystems.newFileSystem(tmp, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                String prefix = platform == Platform.GRADESCOPE ? "" : "tests/";
                if (platform == Platform.GRADESCOPE) {
                    put(z, names, "setup.sh", text(gradescopeSetup()), true);
                    put(z, names, "run_autograder", text(gradescopeRun(e)), true);
                } else {
                    put(z, names, "info.json", text(prairieLearnInfo(e, image)), false);
                    put(z, names, "question.html", text(prairieLearnQuestion(e)), false);
                    put(z, names, "tests/run", text(prairieLearnRun(e)), true);
                }
                put(z, names, prefix + "toyisa.jar", Files.readAllBytes(jar), false);
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                        Path rel = dir.relativize(p);
                        if (rel.getNameCount() == 0 || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                        if (StudentEdition.isSolution(rel.getName(0).toString()) || rel.toString().startsWith(".")) continue;
                        put(z, names, prefix + COURSE + "/" + e.id() + "/" + rel.toString().replace('\\', '/'), Files.readAllBytes(p), false);
                    }
                }
            }
            HostWrites.write(zip, out -> Files.copy(tmp, out));
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(work);
        }
        return names;
    }

    /** The Unix modes entries are stored with: scripts run, everything else is read-only to others. */
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> PLAIN = PosixFilePermissions.fromString("rw-r--r--");
    /** Entries carry a fixed time, so one exercise packaged twice gives the same entries. */
    private static final FileTime TIME = FileTime.fromMillis(0);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(FileSystem z, List<String> names, String name, byte[] bytes, boolean executable) throws IOException {
        Path entry = z.getPath(name);
        Path parent = entry.getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent);
            for (Path d = parent; d != null; d = d.getParent()) {
                Files.setPosixFilePermissions(d, EXECUTABLE);
                Files.setLastModifiedTime(d, TIME);
            }
        }
        Files.write(entry, bytes);
        Files.setPosixFilePermissions(entry, executable ? EXECUTABLE : PLAIN);
        Files.setLastModifiedTime(entry, TIME);
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
