package toyisa.jit;

/** Where JavaScript regions become functions: the page's worker ({@code new Function}). */
public interface ScriptHost {
    /** The function with parameters {@code params} and body {@code body}, ready to call. */
    ScriptRegion define(String params, String body);
}
