package toyisa.kit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships to students: the built toyisa.jar holds the example course's statements, starters and
 * visible tests — and no solution and no hidden test, by name or by content.
 */
class StudentJarIT {
    static final Path JAR = Path.of("target", "toyisa.jar");
    static final Path EXAMPLE = Path.of("..", "courses", "example");

    @Test
    void theJarCarriesNoSolutionAndNoHiddenTest() throws IOException {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                names.add(e.getName());
                try (InputStream in = zip.getInputStream(e)) {
                    contents.add(in.readAllBytes());
                }
            }
        }
        assertTrue(names.contains("toyisa/course/sum/exercise.toml"), "the student edition is in the jar");
        assertTrue(names.contains("toyisa/course/sum/starter.pasm"));
        for (String n : names) {
            if (!n.startsWith("toyisa/course/")) continue;
            String f = n.substring(n.lastIndexOf('/') + 1);
            assertFalse(f.startsWith("solution") || f.equals("hidden.toml") || n.contains("/hidden/"), "instructor-only file in the jar: " + n);
        }
        // By content too: no file of the instructor's is inside any entry (a class, a resource, anything).
        List<Path> secrets = new ArrayList<>();
        try (Stream<Path> s = Files.walk(EXAMPLE)) {
            s.filter(Files::isRegularFile).filter(p -> {
                Path rel = EXAMPLE.relativize(p);
                if (rel.getNameCount() < 2) return false;
                String first = rel.getName(1).toString();
                return first.startsWith("solution") || first.equals("hidden.toml") || first.equals("hidden");
            }).forEach(secrets::add);
        }
        assertTrue(secrets.size() >= 20, "the example course has its solutions and hidden tests: " + secrets);
        for (Path secret : secrets) {
            byte[] b = Files.readAllBytes(secret);
            if (b.length < 24) continue; // too short to be told apart from chance
            for (int i = 0; i < contents.size(); i++)
                assertFalse(indexOf(contents.get(i), b) >= 0, secret + " is inside the jar, in " + names.get(i));
        }
        byte[] named = "hidden/many.in".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < contents.size(); i++)
            assertFalse(indexOf(contents.get(i), named) >= 0, "a hidden test is named in " + names.get(i));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
