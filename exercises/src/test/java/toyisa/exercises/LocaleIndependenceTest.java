package toyisa.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: under a Turkish locale, "INTELLIO".toLowerCase() is "ıntellio" and "intellio" is
 * then no CPU; under Arabic ones numbers could print in other digits. Grading must not care.
 */
class LocaleIndependenceTest {
    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void theExampleCourseValidatesAndGradesTheSameUnderTurkishAndArabicLocales() {
        String expected = null;
        for (Locale l : new Locale[] {Locale.ROOT, new Locale("tr", "TR"), new Locale("ar", "EG"), new Locale("th", "TH", "TH")}) {
            Locale.setDefault(l);
            Course c = Course.open(ExampleCourseTest.EXAMPLE);
            StringBuilder all = new StringBuilder();
            for (Course.Entry e : c.entries()) {
                Validation.Verdict v = Validation.of(e);
                assertTrue(v.ok(), l + ": " + e.id() + ": " + v.errors());
                all.append(v.summary()).append('\n');
            }
            Exercise fact = c.entry("factorial").orElseThrow().exercise();
            all.append(Feedback.report(Folders.grade(fact, "mov c, 0\nmov b, 0\ndivu c, b\nhalt\n")));
            if (expected == null) expected = all.toString();
            else assertEquals(expected, all.toString(), "under " + l);
        }
        assertTrue(expected.contains("died of divide by zero") || expected.contains("divide by zero"), expected);
    }
}
