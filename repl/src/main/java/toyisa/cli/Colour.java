package toyisa.cli;

/** When to colour output: on a terminal by default, never when piped (scripts and tests read plain text). */
enum Colour {
    AUTO, ALWAYS, NEVER;

    boolean enabled() {
        if (this == ALWAYS) return true;
        if (this == NEVER) return false;
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }
}
