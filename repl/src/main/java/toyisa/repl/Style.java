package toyisa.repl;

/**
 * How the REPL marks things: plain text for scripts, pipes and golden transcripts (a changed
 * register gets a {@code *}), ANSI colour on a terminal.
 */
public enum Style {
    PLAIN, ANSI;

    private static final String RESET = "\u001B[0m";

    /** A value the last command changed. */
    String changed(String text) {
        return this == ANSI ? "\u001B[1;33m" + text + RESET + " " : text + "*";
    }

    /** A value that did not change, padded like a changed one so columns line up. */
    String unchanged(String text) {
        return text + " ";
    }

    /** The current line or instruction. */
    String current(String text) {
        return this == ANSI ? "\u001B[1m" + text + RESET : text;
    }

    /** A problem with what the user typed. */
    String error(String text) {
        return this == ANSI ? "\u001B[31m" + text + RESET : text;
    }

    /** Source text and other quiet context. */
    String dim(String text) {
        return this == ANSI ? "\u001B[36m" + text + RESET : text;
    }
}
