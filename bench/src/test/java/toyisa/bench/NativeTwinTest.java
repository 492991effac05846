package toyisa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The native twins compute the same results as the portable programs (compiled the way
 * {@code bench/run} compiles them). Skipped on a machine without gcc.
 */
class NativeTwinTest {
    @Test
    void everyTwinPrintsTheCheckedResult() throws Exception {
        assumeTrue(onPath("gcc"), "gcc is not installed");
        Path dir = Files.createDirectories(Path.of("target", "native-test"));
        for (BenchProgram p : Suite.all()) {
            Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-o", dir.resolve(p.name()).toString(),
                    Path.of("native", p.name() + ".c").toString()).inheritIO().start();
            assertEquals(true, gcc.waitFor(60, TimeUnit.SECONDS), "gcc finishes");
            assertEquals(0, gcc.exitValue(), "gcc compiles " + p.name() + ".c");
            new NativeTwin(dir, p).run(3, false); // throws unless it prints the .out result
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator)) if (Files.isExecutable(Path.of(d, program))) return true;
        return false;
    }
}
