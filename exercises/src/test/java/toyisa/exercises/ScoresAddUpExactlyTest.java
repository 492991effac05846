package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A 1-point test over 3 runs gave 0.33 a run: the tests' max_score added up to 2.97 or 4.98 while
 * the score said 3 or 5. A test's points are now split among its runs in whole hundredths that add
 * up exactly (0.34, 0.33, 0.33), so in both platforms' results.json the parts add up to the whole.
 */
class ScoresAddUpExactlyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onePointOverThreeRunsAddsUpToOnePoint() throws Exception {
        Path dir = Files.createTempDirectory("scores");
        try {
            Exercise e = exercise(dir, List.of(100, 100, 100), List.of(3, 3, 3), List.of(true, true, true));
            Grader.Grade g = Grader.grade(e, Submission.prepare(e, "s.pasm", "halt\n".getBytes()));
            JsonNode gs = JSON.readTree(GradescopeResults.json(g));
            assertEquals(new BigDecimal("3.0"), gs.get("score").decimalValue(), gs.toString());
            assertEquals(0, new BigDecimal("3").compareTo(sum(gs.get("tests"), "max_score")), gs.toString());
            assertEquals(0, new BigDecimal("3").compareTo(sum(gs.get("tests"), "score")), gs.toString());
            assertEquals("0.34", gs.get("tests").get(0).get("max_score").asText());
            assertEquals("0.33", gs.get("tests").get(1).get("max_score").asText());
        } finally {
            StudentEdition.deleteTree(dir);
        }
    }

    @Property(tries = 2000)
    void sharesAreWholeHundredthsThatAddUpToThePoints(@ForAll @IntRange(min = 0, max = 1_000_000) int hundredths,
                                                     @ForAll @IntRange(min = 1, max = 64) int runs) {
        double[] shares = Grader.shares(hundredths / 100.0, runs);
        BigDecimal sum = BigDecimal.ZERO;
        for (double s : shares) {
            BigDecimal d = new BigDecimal(Double.toString(s));
            assertTrue(d.scale() <= 2 || d.stripTrailingZeros().scale() <= 2, "a whole hundredth: " + s);
            sum = sum.add(d);
        }
        assertEquals(0, BigDecimal.valueOf(hundredths, 2).compareTo(sum), hundredths + " over " + runs);
        double min = shares[shares.length - 1], max = shares[0];
        assertTrue(max - min <= 0.0100001, "the runs differ by a hundredth at most");
    }

    /** Many tests, points and run counts, some passing and some not: every results.json adds up exactly. */
    @Property(tries = 150)
    void bothPlatformsResultsAddUpExactly(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 2000) Integer> hundredths,
                                          @ForAll @Size(min = 6, max = 6) List<@IntRange(min = 1, max = 3) Integer> runs,
                                          @ForAll @Size(min = 6, max = 6) List<Boolean> passes) throws IOException {
        Path dir = Files.createTempDirectory("scores");
        try {
            Exercise e = exercise(dir, hundredths, runs, passes);
            Grader.Grade g = Grader.grade(e, Submission.prepare(e, "s.pasm", "halt\n".getBytes()));
            BigDecimal total = BigDecimal.ZERO, earned = BigDecimal.ZERO;
            for (int i = 0; i < hundredths.size(); i++) {
                total = total.add(BigDecimal.valueOf(hundredths.get(i), 2));
                if (passes.get(i)) earned = earned.add(BigDecimal.valueOf(hundredths.get(i), 2));
            }
            JsonNode gs = JSON.readTree(GradescopeResults.json(g));
            assertEquals(0, total.compareTo(sum(gs.get("tests"), "max_score")), "Gradescope max_score: " + gs);
            assertEquals(0, earned.compareTo(sum(gs.get("tests"), "score")), "Gradescope test scores: " + gs);
            assertEquals(0, earned.compareTo(gs.get("score").decimalValue()), "Gradescope score: " + gs);
            JsonNode pl = JSON.readTree(PrairieLearnResults.json(g));
            assertEquals(0, total.compareTo(sum(pl.get("tests"), "max_points")), "PrairieLearn max_points: " + pl);
            assertEquals(0, earned.compareTo(sum(pl.get("tests"), "points")), "PrairieLearn points: " + pl);
            assertEquals(Grader.number(earned.doubleValue()) + "/" + Grader.number(total.doubleValue()),
                    pl.get("message").asText().replaceFirst("^.*: ", ""), pl.toString());
            assertTrue(Feedback.report(g).endsWith("score: " + Grader.number(earned.doubleValue()) + "/" + Grader.number(total.doubleValue()) + "\n"));
        } finally {
            StudentEdition.deleteTree(dir);
        }
    }

    @Test
    void pointsFinerThanAHundredthAreRefused() throws IOException {
        Path dir = Files.createTempDirectory("scores");
        try {
            Folders.write(dir.resolve("t"), "exercise.toml", "title = \"t\"\n[[test]]\nname = \"a\"\npoints = 0.125\nstatus = 0\n",
                    "statement.md", "# t\n", "starter.pasm", "halt\n");
            ExerciseException ex = org.junit.jupiter.api.Assertions.assertThrows(ExerciseException.class, () -> ExerciseReader.read(dir.resolve("t"), "t"));
            assertTrue(ex.getMessage().contains("finer than a hundredth"), ex.getMessage());
        } finally {
            StudentEdition.deleteTree(dir);
        }
    }

    static BigDecimal sum(JsonNode tests, String field) {
        BigDecimal s = BigDecimal.ZERO;
        for (JsonNode t : tests) s = s.add(new BigDecimal(t.get(field).asText()));
        return s;
    }

    /** Test i is worth hundredths[i]/100 points on runs[i] runs; "halt" passes it when passes[i]. */
    static Exercise exercise(Path dir, List<Integer> hundredths, List<Integer> runs, List<Boolean> passes) throws IOException {
        StringBuilder toml = new StringBuilder("title = \"t\"\n");
        String[] runsOf = {"", "cpus = [\"armistice\"]", "cpus = [\"armistice\", \"intellio\"]",
                "cpus = [\"armistice\", \"intellio\"]\nengines = [\"interpreter\", \"translated\"]"};
        for (int i = 0; i < hundredths.size(); i++) {
            toml.append("[[test]]\nname = \"t").append(i).append("\"\npoints = ").append(BigDecimal.valueOf(hundredths.get(i), 2).toPlainString())
                    .append('\n').append(runsOf[runs.get(i)]).append('\n')
                    .append(passes.get(i) ? "status = 0\n" : "stdout = \"x\"\n");
        }
        Folders.write(dir.resolve("t"), "exercise.toml", toml.toString(), "statement.md", "# t\n", "starter.pasm", "halt\n");
        try {
            return ExerciseReader.read(dir.resolve("t"), "t");
        } catch (ExerciseException ex) {
            throw new AssertionError(ex.getMessage() + "\n" + toml, ex);
        }
    }
}
