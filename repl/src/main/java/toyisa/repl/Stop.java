package toyisa.repl;

/**
 * How a run of steps ended.
 *
 * @param steps      instructions executed (or undone, going back)
 * @param breakpoint the breakpoint reached, for BREAKPOINT
 * @param watch      the watch that fired, for WATCH, with its old and new value
 * @param note       more to say (a condition that could not be evaluated), or null
 */
record Stop(Reason reason, long steps, Breakpoint breakpoint, Watch watch, int oldValue, int newValue, String note) {
    /** Why a run of steps ended. */
    enum Reason { DONE, BREAKPOINT, WATCH, STOPPED, INTERRUPTED, RETURNED, LOCATION, FINISHED, CONDITION_ERROR, START }

    static Stop of(Reason r, long steps) {
        return new Stop(r, steps, null, null, 0, 0, null);
    }
}
