package toyisa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toyisa.exercises.Exercise;
import toyisa.exercises.GradescopeResults;
import toyisa.exercises.Grader;
import toyisa.exercises.Submission;

/** {@code toyisa exercise}: classroom exercises, checked on both CPUs, graded for whole classes. */
@Command(name = "exercise",
        mixinStandardHelpOptions = true,
        description = {
            "Classroom exercises: list them, show one, check a submission (on every CPU",
            "the exercise names, with budgets and output caps), or grade a whole class",
            "into Gradescope results.json files."
        },
        subcommands = {
            ExerciseCommand.ListExercises.class,
            ExerciseCommand.Show.class,
            ExerciseCommand.Check.class,
            ExerciseCommand.Grade.class,
        })
public final class ExerciseCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Exercise exercise(CommandLine cl, String id) {
        Exercise e = Exercise.byId(id);
        if (e == null) {
            List<String> ids = new ArrayList<>();
            for (Exercise x : Exercise.all()) ids.add(x.id());
            throw InputFile.usage(cl, "no exercise '" + id + "' (exercises: " + String.join(", ", ids) + ")");
        }
        return e;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the exercises.")
    static final class ListExercises implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Exercise e : Exercise.all()) {
                List<String> cpus = new ArrayList<>();
                e.cpus().forEach(c -> cpus.add(c.name()));
                out.printf("%-22s %-58s %s%n", e.id(), e.title(), String.join(" + ", cpus));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show an exercise's statement and its starter; --starter FILE writes the starter to a file.")
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
            Exercise e = exercise(cl, id);
            PrintWriter out = cl.getOut();
            out.print(e.statement());
            out.println();
            out.println("Starter (" + e.id() + e.submissionExtension() + "):");
            for (String line : e.starter().split("\n")) out.println("    " + line);
            if (starter != null) {
                try {
                    Files.writeString(starter, e.starter(), StandardCharsets.UTF_8);
                    out.println("(written to " + starter + ")");
                } catch (IOException ex) {
                    cl.getErr().println("toyisa exercise show: cannot write " + starter + ": " + ex.getMessage());
                    return Toyisa.USAGE;
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a submission against an exercise's tests on every CPU it names.",
                "Exit status: 0 all tests passed, 1 some failed, 2 usage error."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE", description = "the submission: a .pasm source, or hex text / raw bytes")
        Path file;

        @Option(names = "--json", paramLabel = "OUT", description = "also write a Gradescope results.json here")
        Path json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine cl = spec.commandLine();
            Exercise e = exercise(cl, id);
            byte[] bytes = InputFile.read(cl, file);
            Grader.Grade g = Grader.grade(e, Submission.prepare(e, file.toString(), bytes));
            PrintWriter out = cl.getOut();
            out.println(e.id() + ": " + e.title());
            out.print(Grader.report(g));
            out.flush();
            if (json != null && !write(cl, json, GradescopeResults.json(g))) return Toyisa.USAGE;
            return g.passed() ? 0 : 1;
        }
    }

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = {"Grade a whole class: every file (or folder holding one submission) in DIR",
                "is one student's. Writes OUT/STUDENT/results.json (Gradescope format) and",
                "OUT/summary.csv, and prints the scores."})
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
            Exercise e = exercise(cl, id);
            if (!Files.isDirectory(dir)) throw InputFile.usage(cl, dir + " is not a directory of submissions");
            List<Path> students = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.sorted().forEach(students::add);
            } catch (IOException ex) {
                throw InputFile.usage(cl, "cannot list " + dir + ": " + ex.getMessage());
            }
            PrintWriter out = cl.getOut();
            StringBuilder csv = new StringBuilder("student,score,max_score\n");
            for (Path student : students) {
                String name = student.getFileName().toString();
                Path file = student;
                if (Files.isDirectory(student)) {
                    file = submissionIn(student, e.submissionExtension());
                    if (file == null) {
                        out.printf("%-24s no submission (%s file) in the folder%n", name, e.submissionExtension());
                        csv.append(csvField(name)).append(",0,").append(e.tests().size() * e.cpus().size()).append('\n');
                        continue;
                    }
                } else {
                    int dot = name.lastIndexOf('.');
                    if (dot > 0) name = name.substring(0, dot);
                }
                byte[] bytes = InputFile.read(cl, file);
                Grader.Grade g = Grader.grade(e, Submission.prepare(e, file.getFileName().toString(), bytes));
                if (!write(cl, output.resolve(name).resolve("results.json"), GradescopeResults.json(g))) return Toyisa.USAGE;
                out.printf("%-24s %d/%d%n", name, g.score(), g.maxScore());
                csv.append(csvField(name)).append(',').append(g.score()).append(',').append(g.maxScore()).append('\n');
            }
            if (!write(cl, output.resolve("summary.csv"), csv.toString())) return Toyisa.USAGE;
            out.println("(" + students.size() + " submissions; results in " + output + ")");
            out.flush();
            return 0;
        }

        private static Path submissionIn(Path folder, String extension) {
            try (Stream<Path> s = Files.list(folder)) {
                return s.filter(p -> p.getFileName().toString().endsWith(extension)).sorted().findFirst().orElse(null);
            } catch (IOException ex) {
                return null;
            }
        }

        private static String csvField(String s) {
            return s.matches("[A-Za-z0-9._@-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
        }
    }

    private static boolean write(CommandLine cl, Path file, String text) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException ex) {
            cl.getErr().println("toyisa exercise: cannot write " + file + ": " + ex.getMessage());
            return false;
        }
    }
}
