package toyisa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import toyisa.exercises.Autograde;
import toyisa.exercises.AutograderPackage;
import toyisa.exercises.ClassGrading;
import toyisa.exercises.Course;
import toyisa.exercises.Exercise;
import toyisa.exercises.Feedback;
import toyisa.exercises.Grader;
import toyisa.exercises.Platform;
import toyisa.exercises.Scaffold;
import toyisa.exercises.StudentEdition;
import toyisa.exercises.Submission;
import toyisa.exercises.Validation;
import toyisa.container.HostWrites;

/**
 * {@code toyisa exercise}: the exercises of a course folder (docs/exercises.md) — for students
 * {@code list}, {@code show} and {@code check}; for instructors {@code new}, {@code validate},
 * {@code grade}, {@code package} and {@code export}; on a grading platform {@code autograde}.
 */
@Command(name = "exercise",
        mixinStandardHelpOptions = true,
        description = {
            "Classroom exercises from a course folder (--course DIR, or $TOYISA_COURSE; without",
            "either, the example course's student edition that ships in the jar).",
            "Students: list, show, check. Instructors: new, validate, grade, package, export.",
            "See docs/exercises.md for the format of an exercise."
        },
        subcommands = {
            ExerciseCommand.ListExercises.class,
            ExerciseCommand.Show.class,
            ExerciseCommand.Check.class,
            ExerciseCommand.New.class,
            ExerciseCommand.Validate.class,
            ExerciseCommand.Grade.class,
            ExerciseCommand.Package.class,
            ExerciseCommand.Export.class,
            ExerciseCommand.Autograde.class,
        })
public final class ExerciseCommand implements Runnable {
    @Option(names = "--course", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "the course folder (default: $TOYISA_COURSE, else the built-in example course)")
    Path course;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The course a subcommand works on. */
    static Course course(CommandLine cl, Path option, boolean instructor) {
        Path dir = option;
        if (dir == null) {
            String env = System.getenv(Course.ENV);
            if (env != null && !env.isBlank()) dir = Path.of(env);
        }
        if (dir == null) {
            if (instructor)
                throw InputFile.usage(cl, "this needs an instructor's course folder: --course DIR (or $" + Course.ENV
                        + "); the built-in course is the student edition, without solutions or hidden tests");
            return Course.builtIn();
        }
        try {
            return Course.open(dir);
        } catch (IllegalArgumentException e) {
            throw InputFile.usage(cl, e.getMessage());
        }
    }

    /** The exercise with this id, or a usage error listing the ids (and saying why a broken one is broken). */
    static Exercise exercise(CommandLine cl, Course c, String id) {
        var entry = c.entry(id);
        if (entry.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (Course.Entry e : c.entries()) ids.add(e.id());
            throw InputFile.usage(cl, "no exercise '" + clip(id) + "' in " + c.shownAs() + " (exercises: " + String.join(", ", ids) + ")");
        }
        if (entry.get().broken()) throw InputFile.usage(cl, "exercise '" + id + "' is broken: " + entry.get().problem().getMessage());
        return entry.get().exercise();
    }

    /** Where an exercise's tests run: its CPUs and engines, or what text and binfmt exercises check instead. */
    static String runs(Exercise e) {
        if (e.submit() == Exercise.Submit.TEXT) return "answers";
        if (e.submit() == Exercise.Submit.BINFMT) return "sample files";
        List<String> runs = new ArrayList<>();
        for (Exercise.Run r : e.runs()) runs.add(r.label());
        return String.join(" + ", runs);
    }

    private static String clip(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    /** The --course given to this subcommand or to {@code exercise}. */
    static Path courseOption(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec o = spec.findOption("--course");
        return o == null ? null : o.getValue();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the exercises of the course (broken ones with the reason).")
    static final class ListExercises implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Course c = course(cl, courseOption(spec), false);
            PrintWriter out = cl.getOut();
            if (c.problem() != null) cl.getErr().println("toyisa exercise: " + c.problem().getMessage());
            for (Course.Entry entry : c.entries()) {
                if (entry.broken()) {
                    out.printf(Locale.ROOT, "%-22s BROKEN: %s%n", entry.id(), entry.problem().getMessage());
                    continue;
                }
                Exercise e = entry.exercise();
                out.printf(Locale.ROOT, "%-22s %-50s %-6s %s%n", e.id(), e.title(), e.submit().key(), runs(e));
            }
            if (c.entries().isEmpty()) out.println("(no exercises in " + c.shownAs() + ")");
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show an exercise's statement, its visible tests and its starter; --starter FILE writes the starter to a file.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--starter", paramLabel = "FILE", description = "write the starter file here")
        Path starter;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Exercise e = exercise(cl, course(cl, courseOption(spec), false), id);
            PrintWriter out = cl.getOut();
            out.print(e.statement());
            if (!e.statement().endsWith("\n")) out.println();
            out.println();
            if (!e.questions().isEmpty()) {
                out.println("Questions:");
                for (Exercise.Question q : e.questions()) out.println("  " + q.id() + ": " + q.prompt());
                out.println();
            }
            double visible = 0;
            for (var t : e.visibleTests()) visible += t.points();
            out.println("Hand in: " + e.submit().key() + " (" + e.submissionExtension() + "), graded on " + runs(e) + "; "
                    + (e.hasHidden() ? Grader.number(e.maxScore()) + " points in all."
                            : "the tests you can see are worth " + Grader.number(visible) + " points, hidden tests may add more."));
            if (!e.visibleTests().isEmpty()) {
                out.println("Tests you can see:");
                for (var t : e.visibleTests()) {
                    out.println("  " + t.name() + (t.description().isEmpty() ? "" : " — " + t.description()));
                    if (!t.input().isEmpty()) out.println("      input:  " + oneLine(t.input()));
                    if (t.stdout() != null) out.println("      output: " + oneLine(t.stdout().text())
                            + (t.stdout().match() == toyisa.exercises.TestCase.Match.EXACT ? "" : " (" + t.stdout().match().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")"));
                }
            }
            out.println();
            out.println("Starter (" + e.starterFile() + "):");
            for (String line : e.starter().split("\n")) out.println("    " + line);
            if (starter != null) {
                if (Files.exists(starter, LinkOption.NOFOLLOW_LINKS))
                    throw InputFile.usage(cl, starter + " exists already: not overwritten (remove it, or name another file)");
                try {
                    HostWrites.writeString(starter, e.starter());
                    out.println("(written to " + starter + ")");
                } catch (IOException ex) {
                    cl.getErr().println("toyisa exercise show: cannot write " + starter + ": " + ex.getMessage());
                    return Toyisa.USAGE;
                }
            }
            out.flush();
            return 0;
        }

        private static String oneLine(String s) {
            String t = s.replace("\n", "\\n");
            return t.length() > 70 ? t.substring(0, 70) + "…" : t;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a submission against an exercise's tests on every CPU and engine it names.",
                "When this copy of the exercise has no test that can run here (a text exercise's",
                "answers are hidden; so may be all of an exercise's tests), it checks what it can —",
                "the file is well formed, every question answered — and says what the autograder grades.",
                "Exit status: 0 all tests passed (or nothing to fix here), 1 some failed (or something",
                "to fix), 2 usage error."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE",
                description = "the submission: portable source, hex text, raw bytes, TXF or fat, answers, a binfmt entry")
        Path file;

        @Option(names = "--json", paramLabel = "OUT", description = "also write the platform's results.json here")
        Path json;

        @Option(names = "--for", paramLabel = "PLATFORM", defaultValue = "gradescope",
                description = "the results.json format of --json: gradescope or prairielearn (default: ${DEFAULT-VALUE})")
        Platform platform;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Exercise e = exercise(cl, course(cl, courseOption(spec), false), id);
            byte[] bytes = InputFile.read(cl, file);
            Submission s = Submission.prepare(e, file.getFileName().toString(), bytes);
            Grader.Grade g = Grader.grade(e, s);
            PrintWriter out = cl.getOut();
            out.println(e.id() + ": " + e.title());
            boolean ok;
            if (g.results().isEmpty()) {
                Feedback.Unchecked u = Feedback.nothingToRun(e, s);
                out.print(u.report());
                ok = u.ok();
            } else {
                out.print(Feedback.report(g));
                ok = g.passed();
            }
            out.flush();
            if (json != null && !write(cl, json, platform.results(g))) return Toyisa.USAGE;
            return ok ? 0 : 1;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Scaffold a new exercise folder in the course (it validates as it is; edit from there).")
    static final class New implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "the folder name: lower-case letters, digits, - and _")
        String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Path dir = courseOption(spec);
            if (dir == null && System.getenv(Course.ENV) != null) dir = Path.of(System.getenv(Course.ENV));
            if (dir == null) throw InputFile.usage(cl, "say in which course folder: --course DIR (it is created if missing)");
            try {
                HostWrites.directory(dir);
                for (String f : Scaffold.create(dir, id)) cl.getOut().println("created " + dir.resolve(f));
            } catch (IllegalArgumentException ex) {
                throw InputFile.usage(cl, ex.getMessage());
            } catch (IOException ex) {
                throw InputFile.usage(cl, "cannot create the exercise: " + ex.getMessage());
            }
            cl.getOut().println("next: edit it, then run toyisa exercise --course " + dir + " validate " + id);
            cl.getOut().flush();
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check exercises of the instructor's course: every file well formed, the solution",
                "passes every test on every CPU and engine, the starter does not.",
                "ID names one exercise, DIR an exercise folder anywhere; default: all of the course.",
                "Exit status: 0 all valid, 1 some invalid, 2 usage error."})
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID|DIR")
        String target;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            List<Course.Entry> entries = new ArrayList<>();
            Course c;
            Path asDir = target == null ? null : Path.of(target);
            if (asDir != null && (target.contains("/") || target.equals(".")) && Files.isDirectory(asDir)) {
                Path abs = asDir.toAbsolutePath().normalize();
                c = Course.open(abs.getParent());
                String id = abs.getFileName().toString();
                entries.add(c.entry(id).orElseThrow(() -> InputFile.usage(cl, target + " has no exercise.toml")));
            } else {
                c = course(cl, courseOption(spec), true);
                if (target == null) entries.addAll(c.entries());
                else entries.add(c.entry(target).orElseThrow(() -> InputFile.usage(cl, "no exercise '" + clip(target) + "' in " + c.shownAs())));
            }
            PrintWriter out = cl.getOut();
            int bad = 0;
            for (Course.Entry entry : entries) {
                Validation.Verdict v = Validation.of(entry);
                out.println((v.ok() ? "ok      " : "INVALID ") + entry.id() + (v.ok() ? ": " + v.summary() : ""));
                for (String err : v.errors()) out.println("    error: " + err);
                for (String w : v.warnings()) out.println("    warning: " + w);
                if (!v.ok()) bad++;
            }
            out.println(entries.size() - bad + " of " + entries.size() + " exercises valid");
            out.flush();
            return bad == 0 ? 0 : 1;
        }
    }

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = {"Grade a whole class: each entry of DIR is one student's submission (a file, or",
                "a folder holding one). Writes OUT/STUDENT/results.json (Gradescope format) and",
                "feedback.txt for every student, OUT/summary.csv (a row per student, with the reason",
                "when a submission could not be graded fully) and OUT/tests.csv (how many passed each",
                "test); prints the scores and the pass rates."})
    static final class Grade implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "DIR", description = "one submission per student")
        Path dir;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "where the results go")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Exercise e = exercise(cl, course(cl, courseOption(spec), false), id);
            if (!Files.isDirectory(dir)) throw InputFile.usage(cl, dir + " is not a directory of submissions");
            ClassGrading.Summary s;
            try {
                s = ClassGrading.grade(e, dir, output);
            } catch (IOException ex) {
                throw InputFile.usage(cl, "cannot grade into " + output + ": " + ex.getMessage());
            }
            PrintWriter out = cl.getOut();
            for (ClassGrading.Row r : s.rows())
                out.printf(Locale.ROOT, "%-28s %6s/%-6s %s%n", r.folder(), Grader.number(r.score()), Grader.number(r.maxScore()),
                        r.status().equals("graded") ? "" : r.status());
            if (!s.ignored().isEmpty()) out.println("ignored (not a submission of this exercise): " + String.join(", ", s.ignored()));
            if (!s.rows().isEmpty() && !s.tests().isEmpty()) {
                out.println("passed, by test:");
                int width = 0;
                for (ClassGrading.TestRate t : s.tests()) width = Math.max(width, t.name().length() + (t.hidden() ? 9 : 0));
                for (ClassGrading.TestRate t : s.tests()) {
                    String name = t.name() + (t.hidden() ? " (hidden)" : "");
                    out.printf(Locale.ROOT, "  %-" + width + "s %11s %4.0f%%%n", name, t.passed() + "/" + t.students(), t.rate() * 100);
                }
            }
            out.println("(" + s.rows().size() + " students; results in " + output + ", summary in " + output.resolve("summary.csv")
                    + ", pass rates in " + output.resolve("tests.csv") + ")");
            out.flush();
            return 0;
        }
    }

    @Command(name = "package", mixinStandardHelpOptions = true,
            description = {"Build an autograder for a platform: a zip with the toyisa jar, the exercise with its",
                "hidden tests (never its solution) and the platform's scripts (docs/exercises.md)."})
    static final class Package implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--for", required = true, paramLabel = "PLATFORM", description = "gradescope or prairielearn")
        Platform platform;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "ZIP", description = "the zip to write")
        Path zip;

        @Option(names = "--jar", paramLabel = "JAR", description = "the toyisa jar to ship (default: the one running)")
        Path jar;

        @Option(names = "--image", paramLabel = "IMAGE",
                description = "PrairieLearn: the grader's Docker image, with Java 17+ (default: " + AutograderPackage.PRAIRIELEARN_IMAGE + ")")
        String image;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Course c = course(cl, courseOption(spec), true);
            Exercise e = exercise(cl, c, id);
            if (!e.hasHidden() && e.submit() == Exercise.Submit.TEXT)
                throw InputFile.usage(cl, id + " has no hidden.toml: a text exercise's answers are its hidden tests");
            Path j = jar != null ? jar : runningJar();
            if (j == null || !Files.isRegularFile(j)) throw InputFile.usage(cl, "no toyisa jar to ship: name it with --jar (repl/target/toyisa.jar)");
            try {
                List<String> names = AutograderPackage.write(c, e, platform, j, zip, image);
                cl.getOut().println("wrote " + zip + " for " + platform.key() + " (" + names.size() + " files):");
                for (String n : names) cl.getOut().println("  " + n);
            } catch (IOException ex) {
                throw InputFile.usage(cl, "cannot write " + zip + ": " + ex.getMessage());
            }
            cl.getOut().flush();
            return 0;
        }

        private static Path runningJar() {
            try {
                Path p = Path.of(ExerciseCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return p.toString().endsWith(".jar") ? p : null;
            } catch (Exception ex) {
                return null;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copy the course as students may have it (no solutions, no hidden tests) into OUT, for a handout.")
    static final class Export implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the folder to write (must not exist)")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Course c = course(cl, courseOption(spec), true);
            if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) throw InputFile.usage(cl, output + " exists already: name a new folder");
            try {
                int n = StudentEdition.export(c.root(), output, false);
                cl.getOut().println("wrote the student edition of " + c.shownAs() + " to " + output + " (" + n + " files)");
            } catch (IOException ex) {
                throw InputFile.usage(cl, "cannot export: " + ex.getMessage());
            }
            cl.getOut().flush();
            return 0;
        }
    }

    @Command(name = "autograde", mixinStandardHelpOptions = true,
            description = {"Grade one submission on a grading platform and write its results.json (what a",
                "package's run_autograder or run script calls). Writes the results even for a missing",
                "or broken submission; exit status 0 once they are written."})
    static final class Autograde implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--for", required = true, paramLabel = "PLATFORM", description = "gradescope or prairielearn")
        Platform platform;

        @Option(names = "--submission", required = true, paramLabel = "PATH", description = "the submission file, or the folder holding it")
        Path submission;

        @Option(names = "--results", required = true, paramLabel = "FILE", description = "where results.json goes")
        Path results;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Exercise e = exercise(cl, course(cl, courseOption(spec), false), id);
            try {
                Grader.Grade g = toyisa.exercises.Autograde.run(e, submission, results, platform);
                cl.getOut().println(e.id() + ": " + Grader.number(g.score()) + "/" + Grader.number(g.maxScore()));
            } catch (IOException ex) {
                cl.getErr().println("toyisa exercise autograde: cannot write " + results + ": " + ex.getMessage());
                return Toyisa.USAGE;
            }
            cl.getOut().flush();
            return 0;
        }
    }

    private static boolean write(CommandLine cl, Path file, String text) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            HostWrites.writeString(file, text);
            return true;
        } catch (IOException ex) {
            cl.getErr().println("toyisa exercise: cannot write " + file + ": " + ex.getMessage());
            return false;
        }
    }
}
