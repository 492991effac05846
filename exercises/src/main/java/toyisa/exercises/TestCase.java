package toyisa.exercises;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import toyisa.vm.Fault;

/**
 * One test of an exercise: what it feeds the program and everything it checks afterwards. A test of
 * a text exercise checks one answer instead; a test of a binfmt exercise checks whether the submitted
 * entry claims one sample file. Only the checks a test declares are made.
 *
 * @param name        unique within the exercise; shown to students even when hidden
 * @param description one line, shown with the name (optional)
 * @param hidden      read from {@code hidden.toml}: graded, but its data is never shown
 * @param points      what passing is worth, split evenly among the test's runs
 * @param visibility  Gradescope's visibility: visible, hidden, after_due_date, after_published
 * @param tags        Gradescope tags
 * @param runs        the CPUs and engines this test runs on
 * @param input       standard input
 * @param stdout      the expected output, or null when not checked
 * @param status      the expected exit status, or null when not checked
 * @param fault       the expected fault, or null when the program must not fault
 * @param registers   expected register values at the end, by register name
 * @param flags       expected flags at the end, by letter
 * @param memory      expected bytes at the end
 * @param maxSteps    most instructions the run may take to pass (efficiency), or null
 * @param codeSize    most bytes the program may have on each CPU, by CPU id
 * @param required    instructions the program must contain
 * @param forbidden   instructions the program must not contain
 * @param limits      the run's budget, wall clock and output limit
 * @param question    for an answer test: the question it checks
 * @param accept      for an answer test: accepted answers, compared after normalisation
 * @param pattern     for an answer test: a pattern the normalised answer must match, or null
 * @param sample      for a binfmt test: the sample file the entry is tried on
 * @param matches     for a binfmt test: whether the entry must claim it
 */
public record TestCase(String name, String description, boolean hidden, double points, String visibility,
                       List<String> tags, List<Exercise.Run> runs, String input, Output stdout, Integer status,
                       Fault fault, Map<String, Integer> registers, Map<Character, Boolean> flags,
                       List<MemoryCheck> memory, Long maxSteps, Map<String, Integer> codeSize, List<String> required,
                       List<String> forbidden, Exercise.Limits limits, String question, List<String> accept,
                       Pattern pattern, String sample, Boolean matches) {

    /** How expected output is compared. */
    public enum Match {
        /** Character for character. */
        EXACT,
        /** Each line with its trailing spaces and tabs dropped, and trailing empty lines ignored. */
        TRAILING_WHITESPACE,
        /** The whole output matches a Java regular expression. */
        REGEX
    }

    /** Expected output and how to compare it. */
    public record Output(String text, Match match) {
        public boolean accepts(String actual) {
            return switch (match) {
                case EXACT -> text.equals(actual);
                case TRAILING_WHITESPACE -> trimLines(text).equals(trimLines(actual));
                case REGEX -> Pattern.compile(text).matcher(actual).matches();
            };
        }

        static String trimLines(String s) {
            StringBuilder sb = new StringBuilder();
            for (String line : s.split("\n", -1)) sb.append(line.replaceAll("[ \\t\\r]+$", "")).append('\n');
            String t = sb.toString();
            while (t.endsWith("\n\n") || t.equals("\n")) t = t.substring(0, t.length() - 1);
            return t;
        }
    }

    /** Bytes expected at an address at the end of a run. */
    public record MemoryCheck(int address, byte[] bytes) {
        public MemoryCheck {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** What kind of test this is. */
    public enum Kind { RUN, ANSWER, BINFMT }

    public Kind kind() {
        if (question != null) return Kind.ANSWER;
        if (sample != null) return Kind.BINFMT;
        return Kind.RUN;
    }
}
