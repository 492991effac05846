package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every results.json validates against the JSON Schemas in {@code docs/schemas/}, written from
 * Gradescope's and PrairieLearn's specifications — for a passing, a failing, an unassemblable and
 * an empty submission — and the schemas do reject what the specifications do not allow.
 */
class ResultsSchemaTest {
    static final Path SCHEMAS = Path.of("..", "docs", "schemas");

    static Schema schema(String name) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMAS.resolve(name)), InputFormat.JSON);
    }

    static List<Error> errors(Schema s, String json) {
        return s.validate(json, InputFormat.JSON);
    }

    @Test
    void everyKindOfGradeValidates() throws IOException {
        Schema gs = schema("gradescope-results.schema.json"), pl = schema("prairielearn-results.schema.json");
        Course c = Course.open(ExampleCourseTest.EXAMPLE);
        for (String id : new String[] {"sum", "predict-misdecode", "binfmt-intellio", "fat-slices"}) {
            Exercise e = c.entry(id).orElseThrow().exercise();
            List<Grader.Grade> grades = List.of(
                    Grader.grade(e, Submission.prepare(e, e.solutionFile(), e.solution())),
                    Folders.grade(e, e.starter()),
                    Folders.grade(e, "movv a, 1\n"),
                    Grader.grade(e, Submission.missing("no submission")));
            for (Grader.Grade g : grades) {
                assertEquals(List.of(), errors(gs, GradescopeResults.json(g)), id + ": " + GradescopeResults.json(g));
                assertEquals(List.of(), errors(pl, PrairieLearnResults.json(g)), id + ": " + PrairieLearnResults.json(g));
            }
        }
    }

    @Test
    void theSchemasRejectWhatTheSpecificationsDoNotAllow() throws IOException {
        Schema gs = schema("gradescope-results.schema.json"), pl = schema("prairielearn-results.schema.json");
        assertFalse(errors(gs, "{\"score\": 1, \"max_score\": 2}").isEmpty(), "max_score is not a top-level field");
        assertFalse(errors(gs, "{\"score\": 1, \"tests\": [{\"score\": 1, \"visibility\": \"students\"}]}").isEmpty());
        assertFalse(errors(gs, "{\"tests\": [{\"name\": \"no score anywhere\"}]}").isEmpty());
        assertFalse(errors(pl, "{\"gradable\": true, \"score\": 1.5}").isEmpty(), "score is in [0, 1]");
        assertFalse(errors(pl, "{\"gradable\": false}").isEmpty(), "not gradable needs format_errors");
    }
}
