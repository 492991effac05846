package toyisa.debug;

/**
 * How a run of steps ended.
 *
 * @param steps      instructions executed (or undone, going back)
 * @param breakpoint the breakpoint reached, for BREAKPOINT
 * @param watch      the watch that fired, for WATCH, with its old and new value
 * @param note       more to say (a condition that could not be evaluated), or null
 */
public record Stop(Reason reason, long steps, Breakpoint breakpoint, Watch watch, int oldValue, int newValue, String note) {
    /**
     * Why a run of steps ended. STOPPED: the program ended (halt, exit, fault, budget, output cap:
     * {@link toyisa.vm.Machine#result()} says which, with the exit status and a fault's report).
     * INPUT: the program wants to read and the console has nothing typed yet.
     */
    public enum Reason { DONE, BREAKPOINT, WATCH, STOPPED, INTERRUPTED, RETURNED, LOCATION, FINISHED, CONDITION_ERROR, START, INPUT }

    public static Stop of(Reason r, long steps) {
        return new Stop(r, steps, null, null, 0, 0, null);
    }
}
