package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Commands run in-process and compared with golden files in {@code src/test/resources/cli/}
 * (regenerate with {@code -Dtoyisa.regenerate=true}, then review the diff).
 */
final class Goldens {
    private Goldens() {}

    /** A command run in-process: its exit status, output and errors. */
    record Ran(int status, String out, String err) {}

    static Ran toyisa(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(status, out.toString(), err.toString());
    }

    /** What a command printed, as the golden files show it: its output, its errors and its exit status. */
    static String run(String... args) {
        Ran r = toyisa(args);
        return r.out() + "--- stderr\n" + r.err() + "--- exit status " + r.status() + "\n";
    }

    /** The same, headed by the command line ({@code $ toyisa ARGS}). */
    static String transcript(String... args) {
        return "$ toyisa " + String.join(" ", args) + "\n" + run(args);
    }

    static void check(String name, String actual) throws IOException {
        Path file = Path.of("src", "test", "resources", "cli", name + ".out");
        if (Boolean.getBoolean("toyisa.regenerate")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) fail(file + " is missing: run with -Dtoyisa.regenerate=true and review it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " differs from its golden file");
    }
}
