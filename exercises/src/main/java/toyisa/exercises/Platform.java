package toyisa.exercises;

import java.util.Locale;

/** The autograding platforms a package is built for, each with its results format and its folders. */
public enum Platform {
    /** Gradescope: {@code /autograder/source}, {@code /autograder/submission}, {@code /autograder/results/results.json}. */
    GRADESCOPE("/autograder", "AUTOGRADER_ROOT"),
    /** PrairieLearn's external grader: {@code /grade/tests}, {@code /grade/student}, {@code /grade/results/results.json}. */
    PRAIRIELEARN("/grade", "PL_GRADE_ROOT");

    private final String root;
    private final String rootVariable;

    Platform(String root, String rootVariable) {
        this.root = root;
        this.rootVariable = rootVariable;
    }

    /** The folder the platform grades in. */
    public String root() {
        return root;
    }

    /** The environment variable that moves the root (for trying a package outside the platform). */
    public String rootVariable() {
        return rootVariable;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform's results.json for a grade. */
    public String results(Grader.Grade g) {
        return this == GRADESCOPE ? GradescopeResults.json(g) : PrairieLearnResults.json(g);
    }
}
