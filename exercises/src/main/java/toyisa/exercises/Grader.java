package toyisa.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.Execution;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.Run;
import toyisa.vm.RunResult;

/**
 * Runs a submission against an exercise's tests, each on every CPU and engine it names, each run
 * bounded by the exercise's instruction budget, wall clock and output limit, so a hostile or broken
 * submission ends in a grade, never in a hung or flooded grader.
 */
public final class Grader {
    /** Instructions run between two looks at the clock. */
    static final long SLICE = 2_000_000;

    private Grader() {}

    /**
     * One test on one run (or, for answers and binfmt entries, the test alone).
     *
     * @param failures what did not hold, one line each, for the student's feedback (never shown for hidden tests)
     * @param output   what the program printed
     * @param report   the crash or hang report, or empty
     */
    public record Result(TestCase test, Exercise.Run run, boolean passed, double score, double maxScore,
                         List<String> failures, String output, String report, long steps) {
        /** {@code Intellio (translated): three}. */
        public String name() {
            return run == null ? test.name() : run.label() + ": " + test.name();
        }
    }

    /** Every result, and what kept the submission from being graded fully. */
    public record Grade(Exercise exercise, List<Result> results, List<String> problems, boolean formatError, double seconds) {
        public double score() {
            double s = 0;
            for (Result r : results) s += r.score();
            return round(s);
        }

        public double maxScore() {
            double s = 0;
            for (Result r : results) s += r.maxScore();
            return round(s);
        }

        public boolean passed() {
            for (Result r : results) if (!r.passed()) return false;
            return true;
        }
    }

    public static Grade grade(Exercise exercise, Submission submission) {
        long start = System.nanoTime();
        List<Result> results = new ArrayList<>();
        for (TestCase t : exercise.tests()) {
            switch (t.kind()) {
                case ANSWER -> results.add(answer(t, submission));
                case BINFMT -> results.add(binfmt(t, submission));
                case RUN -> {
                    double[] shares = shares(t.points(), t.runs().size());
                    for (int i = 0; i < shares.length; i++) results.add(run(t, t.runs().get(i), shares[i], submission));
                }
            }
        }
        return new Grade(exercise, List.copyOf(results), submission.problems(), submission.formatError(),
                (System.nanoTime() - start) / 1e9);
    }

    private static Result answer(TestCase t, Submission s) {
        Answers.Sheet sheet = s.answers();
        String given = sheet == null ? null : sheet.answers().get(t.question());
        if (given == null || given.isBlank())
            return new Result(t, null, false, 0, t.points(), List.of("no answer to '" + t.question() + "'"), "", "", 0);
        String n = Answers.normalise(given);
        boolean ok = t.accept().contains(n) || (t.pattern() != null && t.pattern().matcher(n).matches());
        return new Result(t, null, ok, ok ? t.points() : 0, t.points(), ok ? List.of() : List.of("not the answer"), "", "", 0);
    }

    private static Result binfmt(TestCase t, Submission s) {
        if (s.entry() == null) return new Result(t, null, false, 0, t.points(), List.of("no binfmt entry (see above)"), "", "", 0);
        boolean claims = s.entry().matches(Samples.file(t.sample()), t.sample());
        boolean ok = claims == t.matches();
        String why = "the entry " + (claims ? "claims" : "does not claim") + " the " + t.sample() + " sample, but it "
                + (t.matches() ? "should" : "should not");
        return new Result(t, null, ok, ok ? t.points() : 0, t.points(), ok ? List.of() : List.of(why), "", "", 0);
    }

    /** What one run left behind. */
    private record Ran(RunResult result, byte[] memory, double seconds, boolean outOfTime) {}

    private static Result run(TestCase t, Exercise.Run run, double share, Submission s) {
        Submission.Built b = s.builtFor(run.cpu());
        if (b == null) return new Result(t, run, false, 0, share, List.of("no program for " + run.cpu().name() + " (see above)"), "", "", 0);
        Ran ran = execute(b, t, run);
        RunResult r = ran.result();
        List<String> failures = new ArrayList<>();
        if (t.stdout() != null && !t.stdout().accepts(r.output())) failures.add("output differs");
        checkEnding(t, r, failures);
        checkState(t, run.cpu(), r, ran.memory(), failures);
        if (t.maxSteps() != null && r.steps() > t.maxSteps())
            failures.add("took " + r.steps() + (r.steps() == 1 ? " instruction" : " instructions") + "; at most " + t.maxSteps() + " pass");
        Integer size = t.codeSize().get(run.cpu().id());
        if (size != null && b.codeSize() > size)
            failures.add("the program is " + b.codeSize() + " bytes on " + run.cpu().name() + "; at most " + size + " pass");
        for (String m : t.required()) if (!b.mnemonics().contains(m)) failures.add("the program must use '" + m + "'");
        for (String m : t.forbidden()) if (b.mnemonics().contains(m)) failures.add("the program must not use '" + m + "'");
        if (ran.outOfTime())
            failures.add(String.format(Locale.ROOT, "stopped after %.1f s of wall-clock time (the limit is %s s)", ran.seconds(), number(t.limits().timeLimit())));
        boolean ok = failures.isEmpty();
        return new Result(t, run, ok, ok ? share : 0, share, List.copyOf(failures), r.output(), r.report(), r.steps());
    }

    private static void checkEnding(TestCase t, RunResult r, List<String> failures) {
        if (t.fault() != null) {
            if (r.fault() == null || r.fault().fault() != t.fault())
                failures.add("expected it to die of " + t.fault().title() + " (exit status " + t.fault().exitStatus() + "), but " + ending(r));
        } else if (t.status() != null && r.exitStatus() != t.status()) {
            failures.add("exit status " + r.exitStatus() + (r.shellMessage().isEmpty() ? "" : " (" + r.shellMessage() + ")")
                    + ", expected " + t.status());
        }
    }

    private static String ending(RunResult r) {
        if (r.fault() != null) return "it died of " + r.fault().fault().title();
        if (r.outcome() == Outcome.HALT) return "it halted";
        if (r.outcome() == Outcome.EXIT) return "it exited with status " + r.exitStatus();
        return "it ended: " + r.outcome().shellWords();
    }

    private static void checkState(TestCase t, Isa cpu, RunResult r, byte[] memory, List<String> failures) {
        for (Map.Entry<String, Integer> e : t.registers().entrySet()) {
            int code = cpu.registers().code(e.getKey());
            if (code < 0) {
                failures.add(cpu.name() + " has no register " + e.getKey());
                continue;
            }
            int v = r.state().register(code) & 0xFFFF;
            if (v != e.getValue()) failures.add("register " + e.getKey() + " = " + Hex.imm(v) + ", expected " + Hex.imm(e.getValue()));
        }
        for (Map.Entry<Character, Boolean> e : t.flags().entrySet()) {
            char f = e.getKey();
            if (r.state().flagNames().indexOf(f) < 0) {
                failures.add(cpu.name() + " has no flag " + f + " (its flags: " + r.state().flagNames() + ")");
                continue;
            }
            boolean v = r.state().flag(f);
            if (v != e.getValue()) failures.add("flag " + f + " is " + (v ? 1 : 0) + ", expected " + (e.getValue() ? 1 : 0));
        }
        for (TestCase.MemoryCheck m : t.memory()) {
            byte[] want = m.bytes();
            for (int i = 0; i < want.length; i++) {
                int a = m.address() + i;
                if (memory[a] != want[i]) {
                    failures.add("memory at " + Hex.addr(a) + " is " + Hex.byteHex(memory[a] & 0xFF) + "h, expected "
                            + Hex.byteHex(want[i] & 0xFF) + "h (the range " + Hex.addr(m.address()) + "–"
                            + Hex.addr(m.address() + want.length - 1) + ")");
                    break;
                }
            }
        }
    }

    private static Ran execute(Submission.Built b, TestCase t, Exercise.Run run) {
        Exercise.Limits limits = t.limits();
        long start = System.nanoTime();
        long deadline = start + (long) (limits.timeLimit() * 1e9);
        Execution e = Run.of(run.cpu(), b.program()).engine(run.engine()).budget(limits.budget())
                .outputCap(limits.outputLimit()).input(t.input()).start();
        Machine m = e.machine();
        if (m == null) {
            // The translator runs to the budget in one go; the budget bounds it, the clock is read after.
            RunResult r = e.run();
            double secs = (System.nanoTime() - start) / 1e9;
            return new Ran(r, e.memory(), secs, secs > limits.timeLimit());
        }
        RunResult r;
        boolean outOfTime = false;
        while (true) {
            long next = Math.min(limits.budget(), m.steps() + SLICE);
            m.setBudget(next);
            r = m.run();
            if (r.outcome() != Outcome.BUDGET || next >= limits.budget()) break;
            if (System.nanoTime() > deadline) {
                outOfTime = true;
                break;
            }
            m.resume();
        }
        return new Ran(r, e.memory(), (System.nanoTime() - start) / 1e9, outOfTime);
    }

    /**
     * A test's points split among its runs in whole hundredths that add up to the points exactly:
     * 1 point over 3 runs is 0.34, 0.33, 0.33 (never 0.33 three times, which platforms add up to 0.99).
     */
    static double[] shares(double points, int runs) {
        long hundredths = Math.round(points * 100), base = hundredths / runs, extra = hundredths % runs;
        double[] out = new double[runs];
        for (int i = 0; i < runs; i++) out[i] = (base + (i < extra ? 1 : 0)) / 100.0;
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** 1, 0.5, 0.33: points as people write them. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
