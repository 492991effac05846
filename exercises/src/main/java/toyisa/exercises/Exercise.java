package toyisa.exercises;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import toyisa.isa.Isa;

/**
 * One classroom exercise: a statement, a starter file, visible and hidden tests, and a reference
 * solution, kept as a folder of resources ({@code toyisa/exercises/ID/}). Its {@code exercise.properties}
 * says what a submission is (portable source, or raw bytes written by hand), which CPUs it must run
 * on, and its budget.
 *
 * @param id        folder name, used on the command line
 * @param title     one line
 * @param kind      what students hand in
 * @param cpus      the CPUs every test runs on
 * @param budget    instruction budget per run
 * @param statement the task, in Markdown
 * @param starter   what students start from
 * @param solution  the reference solution (never shown by {@code show})
 * @param tests     visible and hidden tests
 */
public record Exercise(String id, String title, Kind kind, List<Isa> cpus, long budget, String statement,
                       String starter, String solution, List<TestCase> tests) {

    /** What students hand in. */
    public enum Kind {
        /** A portable source, assembled for each CPU. */
        SOURCE,
        /** Bytes, as hex text or a raw file: the same bytes run on each CPU. */
        BINARY
    }

    /** Standard input, expected standard output and exit status; hidden tests are graded but not shown. */
    public record TestCase(String name, String input, String expectedOutput, int expectedStatus, boolean hidden) {}

    private static final String ROOT = "/toyisa/exercises/";
    /** Output a submission may print per run: tests expect a few lines. */
    public static final int OUTPUT_CAP = 4096;

    /** Every exercise, in the order of the index. */
    public static List<Exercise> all() {
        List<Exercise> out = new ArrayList<>();
        for (String line : text(ROOT + "index").split("\n")) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) out.add(load(id));
        }
        return out;
    }

    /** The exercise with this id, or null. */
    public static Exercise byId(String id) {
        for (Exercise e : all()) if (e.id().equals(id)) return e;
        return null;
    }

    static Exercise load(String id) {
        String dir = ROOT + id + "/";
        Properties p = new Properties();
        try {
            p.load(new StringReader(text(dir + "exercise.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Kind kind = Kind.valueOf(p.getProperty("kind", "source").toUpperCase());
        List<Isa> cpus = new ArrayList<>();
        for (String c : p.getProperty("cpus", "armistice,intellio").split(",")) {
            Isa isa = Isa.byName(c.strip());
            if (isa == null) throw new IllegalStateException(id + ": unknown CPU " + c);
            cpus.add(isa);
        }
        String ext = kind == Kind.SOURCE ? ".pasm" : ".hex";
        List<TestCase> tests = new ArrayList<>();
        for (String hiddenKey : new String[] {"tests", "hidden"}) {
            for (String name : p.getProperty(hiddenKey, "").split(",")) {
                name = name.strip();
                if (name.isEmpty()) continue;
                String base = dir + hiddenKey + "/" + name;
                String status = optional(base + ".status");
                tests.add(new TestCase(name, orEmpty(optional(base + ".in")), text(base + ".out"),
                        status == null ? 0 : Integer.parseInt(status.strip()), hiddenKey.equals("hidden")));
            }
        }
        return new Exercise(id, p.getProperty("title", id), kind, List.copyOf(cpus),
                Long.parseLong(p.getProperty("budget", "1000000")), text(dir + "statement.md"),
                text(dir + "starter" + ext), text(dir + "solution" + ext), List.copyOf(tests));
    }

    /** The file name a starter or submission of this exercise has by convention. */
    public String submissionExtension() {
        return kind == Kind.SOURCE ? ".pasm" : ".hex";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String optional(String resource) {
        try (InputStream in = Exercise.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String resource) {
        String s = optional(resource);
        if (s == null) throw new IllegalStateException("missing exercise resource " + resource);
        return s;
    }
}
