package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.csv said only "does not assemble for Armistice:" and dropped why; and nothing told the
 * lecturer which tests the class failed. The reason is a new last column (the old columns keep their
 * names and order), and tests.csv beside it holds each test's pass rate.
 */
class SummaryGivesReasonAndPassRatesTest {
    @TempDir
    Path tmp;

    @Test
    void summaryGivesTheReasonASubmissionDoesNotAssemble() throws IOException {
        Exercise sum = Course.open(ExampleCourseTest.EXAMPLE).entry("sum").orElseThrow().exercise();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("ann.pasm"), ClassGradingTest.SUM);
        Files.writeString(in.resolve("bea.pasm"), "movv a, 1\nhalt\n");
        Files.writeString(in.resolve("cy.pasm"), "mov c, 6\nmov a, 10h\nint 13h\nhalt\n"); // right for "three" only
        Path out = tmp.resolve("out");
        ClassGrading.Summary s = ClassGrading.grade(sum, in, out);
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("student,folder,score,max_score,status,reason", csv.get(0), "the old columns first, in their order");
        assertEquals("ann,ann,3,3,graded,", csv.get(1));
        assertTrue(csv.get(2).startsWith("bea,bea,0,3,\"does not assemble for Armistice:\",\""), csv.get(2));
        assertTrue(csv.get(2).contains("unknown instruction 'movv'"), "the reason: " + csv.get(2));
        assertEquals(4, csv.size());
        assertTrue(s.rows().get(1).reason().contains("movv"), s.rows().get(1).toString());
    }

    @Test
    void passRatesPerTestAreWrittenBesideTheSummary() throws IOException {
        Exercise sum = Course.open(ExampleCourseTest.EXAMPLE).entry("sum").orElseThrow().exercise();
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("ann.pasm"), ClassGradingTest.SUM);
        Files.writeString(in.resolve("bea.pasm"), "movv a, 1\nhalt\n");
        Files.writeString(in.resolve("cy.pasm"), "mov c, 6\nmov a, 10h\nint 13h\nhalt\n");
        Files.writeString(in.resolve("dan.pasm"), ""); // nothing handed in still counts as a student who failed
        ClassGrading.Summary s = ClassGrading.grade(sum, in, tmp.resolve("out"));
        List<String> tests = Files.readAllLines(tmp.resolve("out").resolve("tests.csv"));
        assertEquals("test,run,hidden,passed,students,pass_rate", tests.get(0));
        assertTrue(tests.contains("three,Armistice,false,2,4,0.50"), String.join("\n", tests));
        assertTrue(tests.contains("none,\"Intellio (translated)\",false,1,4,0.25"), String.join("\n", tests));
        assertTrue(tests.stream().anyMatch(l -> l.matches("[a-z-]+,Armistice,true,1,4,0.25")), "hidden tests have rows too: " + tests);
        assertEquals(1 + sum.tests().size() * 3, tests.size(), "a row per test and run");
        assertEquals(s.tests().size(), tests.size() - 1);
    }
}
