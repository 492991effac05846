package toyisa.web;

import toyisa.exercises.Exercise;
import toyisa.exercises.Feedback;
import toyisa.exercises.Grader;
import toyisa.exercises.Submission;
import toyisa.isa.Printable;

/**
 * {@code toyisa exercise check} in the page: a submission graded against an exercise's visible
 * tests (the only ones the page's catalog has) by the same grader, with the same feedback.
 */
final class ExerciseCheck {
    /** Longer file names are cut in messages. */
    private static final int NAME_CHARS = 100;

    private ExerciseCheck() {}

    static String check(String exerciseJson, String fileName, String hexBytes) {
        Exercise exercise;
        byte[] contents;
        try {
            exercise = CatalogExercise.read(exerciseJson);
            contents = Api.bytes(hexBytes);
        } catch (IllegalArgumentException e) {
            return Api.error(e.getMessage());
        }
        String name = fileName == null || fileName.isBlank() ? "submission" + exercise.submissionExtension() : fileName;
        if (name.length() > NAME_CHARS) name = name.substring(0, NAME_CHARS) + "…";
        Submission submission = Submission.prepare(exercise, Printable.name(name), contents);
        Grader.Grade g = Grader.grade(exercise, submission);
        Json j = new Json().beginObject().field("exercise", exercise.id()).key("score").value2(g.score())
                .key("maxScore").value2(g.maxScore()).field("passed", g.passed() && !g.results().isEmpty())
                .field("formatError", g.formatError());
        j.key("problems").beginArray();
        for (String p : g.problems()) j.value(p);
        j.endArray();
        j.key("results").beginArray();
        for (Grader.Result r : g.results()) {
            j.beginObject().field("name", r.name()).field("test", r.test().name())
                    .field("description", r.test().description())
                    .field("run", r.run() == null ? null : r.run().label()).field("passed", r.passed())
                    .key("score").value2(r.score()).key("maxScore").value2(r.maxScore())
                    .field("feedback", Feedback.of(r)).field("output", r.output()).field("steps", r.steps()).endObject();
        }
        j.endArray();
        // A copy with no test to run (a text exercise's answers are the instructor's): what the command line says then.
        if (g.results().isEmpty()) {
            Feedback.Unchecked u = Feedback.nothingToRun(exercise, submission);
            return j.field("unchecked", true).field("wellFormed", u.ok()).field("report", u.report()).endObject().toString();
        }
        return j.field("report", Feedback.report(g)).endObject().toString();
    }
}
