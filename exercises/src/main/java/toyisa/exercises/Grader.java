package toyisa.exercises;

import java.util.ArrayList;
import java.util.List;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * Runs a submission against an exercise's tests on every CPU the exercise names, each run with the
 * exercise's instruction budget and an output cap, so a hostile or broken submission ends in a
 * result, never in a hung or flooded grader.
 */
public final class Grader {
    private Grader() {}

    /** One test on one CPU. */
    public record Result(Exercise.TestCase test, Isa cpu, boolean passed, String output, int status, String report) {
        public String name() {
            return cpu.name() + ": " + test.name();
        }
    }

    /** Every test on every CPU, and what stopped the submission from running at all, if anything. */
    public record Grade(Exercise exercise, List<Result> results, String problems) {
        public int score() {
            int n = 0;
            for (Result r : results) if (r.passed()) n++;
            return n;
        }

        public int maxScore() {
            return exercise.tests().size() * exercise.cpus().size();
        }

        public boolean passed() {
            return score() == maxScore();
        }
    }

    public static Grade grade(Exercise exercise, Submission submission) {
        List<Result> results = new ArrayList<>();
        for (Exercise.TestCase t : exercise.tests()) {
            for (Isa cpu : exercise.cpus()) {
                byte[] binary = submission.binaryFor(cpu);
                if (binary == null) {
                    results.add(new Result(t, cpu, false, "", -1, "no binary for " + cpu.name() + " (see above)"));
                    continue;
                }
                Machine m = Machine.create(cpu);
                m.loadRaw(binary);
                m.setBudget(exercise.budget());
                m.setOutputCap(Exercise.OUTPUT_CAP);
                m.setInput(t.input());
                RunResult r = m.run();
                boolean ok = r.output().equals(t.expectedOutput()) && r.exitStatus() == t.expectedStatus();
                results.add(new Result(t, cpu, ok, r.output(), r.exitStatus(), r.report()));
            }
        }
        return new Grade(exercise, List.copyOf(results), submission.problems());
    }

    /** The grade as a student reads it: each test, and for a failure what differed. Hidden tests show only pass or fail. */
    public static String report(Grade g) {
        StringBuilder sb = new StringBuilder();
        if (!g.problems().isEmpty()) sb.append(g.problems()).append('\n');
        for (Result r : g.results()) {
            sb.append(String.format("%-4s %-10s %s%s%n", r.passed() ? "PASS" : "FAIL", r.cpu().name(), r.test().name(),
                    r.test().hidden() ? " (hidden)" : ""));
            if (!r.passed() && !r.test().hidden()) sb.append(indent(explain(r)));
        }
        sb.append(String.format("score: %d/%d%n", g.score(), g.maxScore()));
        return sb.toString();
    }

    /** Why a test failed: a line diff of the output, the exit status, the crash report. */
    static String explain(Result r) {
        StringBuilder sb = new StringBuilder();
        Exercise.TestCase t = r.test();
        if (!t.input().isEmpty()) sb.append("input:\n").append(indent(t.input()));
        if (!r.output().equals(t.expectedOutput())) {
            sb.append("output differs (- expected, + actual):\n");
            String[] exp = lines(t.expectedOutput()), act = lines(r.output());
            int n = Math.max(exp.length, act.length);
            for (int i = 0; i < n && i < 40; i++) {
                String e = i < exp.length ? exp[i] : null, a = i < act.length ? act[i] : null;
                if (e != null && e.equals(a)) sb.append("    ").append(e).append('\n');
                else {
                    if (e != null) sb.append("  - ").append(e).append('\n');
                    if (a != null) sb.append("  + ").append(a).append('\n');
                }
            }
            if (n > 40) sb.append("  ... (").append(n - 40).append(" more lines)\n");
        }
        if (r.status() != t.expectedStatus())
            sb.append("exit status ").append(r.status()).append(", expected ").append(t.expectedStatus()).append('\n');
        if (!r.report().isEmpty()) sb.append(r.report());
        return sb.toString();
    }

    private static String[] lines(String s) {
        if (s.isEmpty()) return new String[0];
        return (s.endsWith("\n") ? s.substring(0, s.length() - 1) : s).split("\n", -1);
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) sb.append("    ").append(line).append('\n');
        return sb.toString();
    }
}
