package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import toyisa.isa.Isa;

/**
 * The golden transcripts: each {@code repl/NAME.script} is fed to a session exactly as
 * {@code toyisa repl --script} would, and what it prints must equal {@code NAME.out}.
 *
 * <p>A script's first line may give the command line, as {@code #! --cpu intellio --input F print.pasm}.
 * To regenerate every {@code .out} after an intended change, run
 * {@code mvn test -pl repl -am -Dtoyisa.regenerate=true -Dtest=TranscriptTest -Dsurefire.failIfNoSpecifiedTests=false}
 * and review the diff ({@code git diff repl/src/test/resources/repl}) before committing it.
 */
class TranscriptTest {
    static final Path DIR = Path.of("src/test/resources/repl");
    static final boolean REGENERATE = Boolean.getBoolean("toyisa.regenerate");

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".script")).sorted().forEach(scripts::add);
        }
        assertFalse(scripts.isEmpty(), "no scripts in " + DIR.toAbsolutePath());
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path script) throws IOException {
        String actual = run(Files.readString(script, StandardCharsets.UTF_8));
        Path golden = Path.of(script.toString().replaceFirst("\\.script$", ".out"));
        if (REGENERATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            System.out.println("regenerated " + golden + ": review the diff before committing");
            return;
        }
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "(no " + golden + " yet)";
        assertEquals(expected, actual, script + " (regenerate with -Dtoyisa.regenerate=true and review the diff)");
    }

    /** Runs a script the way {@code toyisa repl [--cpu C] [FILE] --script} does, in the script's directory. */
    static String run(String script) throws IOException {
        String cpu = "armistice";
        String file = null;
        String input = null;
        if (script.startsWith("#!")) {
            int eol = script.indexOf('\n');
            String[] args = script.substring(2, eol < 0 ? script.length() : eol).strip().split("\\s+");
            script = eol < 0 ? "" : script.substring(eol + 1);
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--cpu")) cpu = args[++i];
                else if (args[i].equals("--input")) input = args[++i];
                else if (!args[i].isEmpty()) file = args[i];
            }
        }
        StringWriter sw = new StringWriter();
        Session s = new Session(Isa.byName(cpu), new PrintWriter(sw), Style.PLAIN, DIR);
        s.setBudget(100_000);
        if (input != null) s.setInput(Files.readAllBytes(DIR.resolve(input)));
        else s.setTypedInput(null); // as toyisa repl: the program's input is typed, here the script's next lines
        if (file != null) s.loadFile(file);
        s.runScript(new StringReader(script));
        return sw.toString();
    }
}
