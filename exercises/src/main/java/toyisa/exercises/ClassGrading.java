package toyisa.exercises;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import toyisa.container.HostWrites;

/**
 * {@code toyisa exercise grade}: a whole class at once. Every entry of the submissions folder is one
 * student (a file of the exercise's kind, or a folder); every student gets
 * {@code OUT/STUDENT/results.json} and {@code feedback.txt}, whatever they handed in, and one row in
 * {@code OUT/summary.csv}; {@code OUT/tests.csv} holds how many of the class passed each test on each
 * run. Output folder names are made from student names so that no name (spaces,
 * unicode, {@code ..}, control characters) can write outside {@code OUT}.
 */
public final class ClassGrading {
    /** Students graded in one run before the rest are refused. */
    static final int MAX_STUDENTS = 5000;

    private ClassGrading() {}

    /** The columns of summary.csv: instructors' scripts read them, so new ones only ever go at the end. */
    static final String SUMMARY_HEADER = "student,folder,score,max_score,status,reason";
    static final String TESTS_HEADER = "test,run,hidden,passed,students,pass_rate";
    /** Characters of a reason in summary.csv (a long assembler report is cut). */
    static final int REASON_CHARS = 500;

    /**
     * One student's line of the summary.
     *
     * @param status {@code graded}, or the first line of what kept the submission from being graded fully
     * @param reason all of it (the assembler's diagnostics, say), on one line; empty when graded
     */
    public record Row(String student, String folder, double score, double maxScore, String status, String reason) {}

    /** How many of the class passed one test on one run (or, for answers and binfmt entries, the test). */
    public record TestRate(String test, String run, boolean hidden, int passed, int students) {
        public String name() {
            return run.isEmpty() ? test : run + ": " + test;
        }

        /** The share that passed, 0..1 (0 for no students). */
        public double rate() {
            return students == 0 ? 0 : (double) passed / students;
        }
    }

    /** What the run did. */
    public record Summary(List<Row> rows, List<String> ignored, List<TestRate> tests) {}

    public static Summary grade(Exercise e, Path submissions, Path out) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(submissions)) {
            s.limit(MAX_STUDENTS + 1L).forEach(entries::add);
        }
        entries.sort(null);
        HostWrites.directory(out);
        Path outReal = out.toRealPath();
        List<Row> rows = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Set<String> used = new HashSet<>();
        used.add("summary.csv");
        Map<String, TestRate> rates = new LinkedHashMap<>();
        for (Path p : entries) {
            String raw = p.getFileName().toString();
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (raw.startsWith(".") || raw.equals("__MACOSX") || (!dir && !Files.isSymbolicLink(p) && !SubmissionFiles.candidate(e, p))) {
                ignored.add(raw);
                continue;
            }
            if (rows.size() >= MAX_STUDENTS) {
                ignored.add(raw + " (more than " + MAX_STUDENTS + " students)");
                continue;
            }
            String student = dir ? raw : stripExtension(raw);
            String folder = unique(safeName(student), used);
            Path target = outReal.resolve(folder).normalize();
            if (!target.getParent().equals(outReal)) throw new IOException("refusing to write outside " + out + ": " + folder);
            Grader.Grade g = gradeOne(e, p);
            String status = g.problems().isEmpty() ? "graded" : firstLine(g.problems().get(0));
            try {
                HostWrites.directory(target);
                HostWrites.writeString(target.resolve("results.json"), GradescopeResults.json(g));
                HostWrites.writeString(target.resolve("feedback.txt"), e.id() + ": " + e.title() + "\n" + Feedback.report(g));
            } catch (HostWrites.Refused refused) {
                // a link planted in the output folder: this student's files are not written, the class still is
                status = "not written: " + refused.getMessage();
            }
            rows.add(new Row(student, folder, g.score(), g.maxScore(), status, reason(g.problems())));
            count(rates, e, g);
        }
        StringBuilder csv = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (Row r : rows)
            csv.append(csv(r.student())).append(',').append(csv(r.folder())).append(',').append(Grader.number(r.score()))
                    .append(',').append(Grader.number(r.maxScore())).append(',').append(csv(r.status()))
                    .append(',').append(csv(r.reason())).append('\n');
        HostWrites.writeString(outReal.resolve("summary.csv"), csv.toString());
        List<TestRate> tests = List.copyOf(rates.values());
        StringBuilder t = new StringBuilder(TESTS_HEADER).append('\n');
        for (TestRate r : tests)
            t.append(csv(r.test())).append(',').append(csv(r.run())).append(',').append(r.hidden()).append(',').append(r.passed())
                    .append(',').append(r.students()).append(',').append(String.format(Locale.ROOT, "%.2f", r.rate())).append('\n');
        HostWrites.writeString(outReal.resolve("tests.csv"), t.toString());
        return new Summary(List.copyOf(rows), List.copyOf(ignored), tests);
    }

    /** Adds one student's results to the class's counts; a student whose file could not be graded failed every test. */
    private static void count(Map<String, TestRate> rates, Exercise e, Grader.Grade g) {
        if (rates.isEmpty()) {
            // Every test and run in the exercise's order, so a test no one passed still has its row.
            for (Grader.Result r : Grader.grade(e, Submission.missing("")).results()) {
                String run = r.run() == null ? "" : r.run().label();
                rates.put(key(r), new TestRate(r.test().name(), run, r.test().hidden(), 0, 0));
            }
        }
        for (Grader.Result r : g.results()) {
            TestRate old = rates.get(key(r));
            if (old != null) rates.put(key(r), new TestRate(old.test(), old.run(), old.hidden(), old.passed() + (r.passed() ? 1 : 0), old.students() + 1));
        }
    }

    private static String key(Grader.Result r) {
        return r.name();
    }

    /** Every problem of a grade on one line (lines joined by " / ", the diagnostics' caret lines left out), cut to {@link #REASON_CHARS}. */
    static String reason(List<String> problems) {
        List<String> parts = new ArrayList<>();
        for (String p : problems)
            for (String line : p.split("\\R"))
                if (!line.isBlank() && !line.strip().matches("[\\^~]+")) parts.add(line.strip());
        String s = String.join(" / ", parts);
        return s.length() > REASON_CHARS ? s.substring(0, REASON_CHARS) + "…" : s;
    }

    /** Grades one student's file or folder; what cannot be graded is a zero with the reason. */
    public static Grader.Grade gradeOne(Exercise e, Path p) {
        try {
            SubmissionFiles.Found f = SubmissionFiles.find(e, p);
            Submission s = f.ok() ? Submission.prepare(e, f.file().getFileName().toString(), f.bytes()) : Submission.missing(f.problem());
            return Grader.grade(e, s);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError ex) {
            // A fault of toyisa's on one submission is that student's result, never the end of the class.
            return Grader.grade(e, Submission.missing("this submission could not be graded (an internal error of toyisa: "
                    + ex.getClass().getSimpleName() + "); tell your instructor"));
        }
    }

    static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A folder name made from a student's name: letters, digits, space, - _ . only; never "." or "..". */
    static String safeName(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        n.codePoints().forEach(c -> sb.appendCodePoint(Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_' || c == '.' ? c : '_'));
        String s = sb.toString().strip();
        while (s.startsWith(".")) s = s.substring(1);
        if (s.length() > 80) s = s.substring(0, 80);
        return s.isEmpty() ? "student" : s;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n.toLowerCase(Locale.ROOT)); i++) n = name + "-" + i;
        return n;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A CSV field; a leading = + - @ is quoted away so a spreadsheet does not run it as a formula. */
    static String csv(String s) {
        String v = s.replace("\r", " ").replace("\n", " ");
        if (!v.isEmpty() && "=+-@\t".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        return v.matches("[\\p{L}\\p{N} ._@'-]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
