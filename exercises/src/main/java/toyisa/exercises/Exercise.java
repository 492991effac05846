package toyisa.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toyisa.isa.Isa;
import toyisa.vm.Engine;

/**
 * One exercise of a course folder, as read from its {@code exercise.toml} (and, in an instructor's
 * copy, its {@code hidden.toml} and solution). The format is documented in {@code docs/exercises.md}.
 *
 * @param id        the folder name, used on the command line
 * @param title     one line
 * @param lesson    what it teaches, one line
 * @param submit    what students hand in
 * @param accept    for binary submissions, the forms accepted
 * @param runs      every CPU and engine the tests run on, unless a test names its own
 * @param limits    budget, wall clock and output limit of each run
 * @param statement the task, in Markdown
 * @param starterFile the starter's file name
 * @param starter   what students start from
 * @param solution  the reference solution's bytes, or null where it is not shipped (a student's copy)
 * @param solutionFile its file name, or null
 * @param tests     visible tests, then hidden ones
 * @param questions for text exercises, the questions (their answers are hidden tests)
 * @param hasHidden true when the instructor's hidden tests were read (false in a student's copy)
 */
public record Exercise(String id, String title, String lesson, Submit submit, List<Form> accept, List<Run> runs,
                       Limits limits, String statement, String starterFile, String starter, byte[] solution,
                       String solutionFile, List<TestCase> tests,
                       List<Question> questions, boolean hasHidden) {

    public Exercise {
        accept = List.copyOf(accept);
        runs = List.copyOf(runs);
        tests = List.copyOf(tests);
        questions = List.copyOf(questions);
    }

    /** What students hand in. */
    public enum Submit {
        /** A portable source, assembled for each CPU. */
        SOURCE(".pasm"),
        /** Bytes: hex text, a raw file, TXF or fat (see {@link Form}); the same file runs on each CPU. */
        BINARY(".hex"),
        /** Answers to the exercise's questions, one {@code id: answer} a line. */
        TEXT(".txt"),
        /** A binfmt entry: {@code magic}, {@code mask} and {@code offset} lines, escaped as update-binfmts takes them. */
        BINFMT(".binfmt");

        private final String extension;

        Submit(String extension) {
            this.extension = extension;
        }

        /** The file name a starter or submission of this kind has by convention. */
        public String extension() {
            return extension;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The forms a binary submission may take. */
    public enum Form {
        HEX, RAW, TXF, FAT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One CPU and one engine: its own interpreter, the jit, or (Intellio code) translated to Armistice,
     * with the host code interpreted or on the jit.
     */
    public record Run(Isa cpu, Engine engine) {
        // CPUs are compared by id: each lookup of a CPU by name may give a new instance.
        @Override
        public boolean equals(Object o) {
            return o instanceof Run r && r.cpu.id().equals(cpu.id()) && r.engine == engine;
        }

        @Override
        public int hashCode() {
            return cpu.id().hashCode() * 31 + engine.hashCode();
        }

        /** {@code Armistice}, {@code Intellio (translated)}, {@code Armistice (jit)}. */
        public String label() {
            return cpu.name() + (engine == Engine.INTERPRETER ? "" : " (" + engine.label() + ")");
        }
    }

    /**
     * What bounds each run.
     *
     * @param budget      instructions
     * @param timeLimit   wall-clock seconds
     * @param outputLimit characters of output
     */
    public record Limits(long budget, double timeLimit, int outputLimit) {
        public static final long DEFAULT_BUDGET = 1_000_000;
        public static final double DEFAULT_TIME_LIMIT = 10;
        public static final int DEFAULT_OUTPUT_LIMIT = 4096;
        /** No exercise may raise the limits past these: a course file is trusted, but not unboundedly. */
        public static final long MAX_BUDGET = 1_000_000_000;
        public static final double MAX_TIME_LIMIT = 60;
        public static final int MAX_OUTPUT_LIMIT = 1 << 20;
    }

    /** A prediction question of a text exercise; its accepted answers live in the hidden tests. */
    public record Question(String id, String prompt, double points) {}

    /** The visible tests. */
    public List<TestCase> visibleTests() {
        List<TestCase> out = new ArrayList<>();
        for (TestCase t : tests) if (!t.hidden()) out.add(t);
        return out;
    }

    /** The file name a starter or submission of this exercise has by convention. */
    public String submissionExtension() {
        return submit.extension();
    }

    /** The most points a submission can earn. */
    public double maxScore() {
        double s = 0;
        for (TestCase t : tests) s += t.points();
        return s;
    }

    /** The CPUs the exercise runs on, in order, each once. */
    public List<Isa> cpus() {
        List<Isa> out = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Run r : runs) {
            if (!ids.contains(r.cpu().id())) {
                ids.add(r.cpu().id());
                out.add(r.cpu());
            }
        }
        return out;
    }
}
