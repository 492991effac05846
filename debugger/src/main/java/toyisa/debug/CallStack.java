package toyisa.debug;

import java.util.ArrayList;
import java.util.List;

/**
 * The call stack the debugger keeps from the calls and returns the program executes: a call pushes
 * a {@link Frame}, a return pops one. {@link Frames} is immutable, so every journaled step keeps the
 * stack it started with and {@code back} restores it.
 */
public final class CallStack {
    private CallStack() {}

    /** One call on the call stack: the call at {@code callSite} went to {@code entry} and returns to {@code returnTo}. */
    public record Frame(int callSite, int entry, int returnTo, int spBefore) {}

    /** The call stack as an immutable list, innermost first, so each step can keep the one before it. */
    public record Frames(Frame top, Frames rest, int depth) {
        public static final Frames EMPTY = new Frames(null, null, 0);

        public Frames push(Frame f) {
            return new Frames(f, this, depth + 1);
        }

        public Frames pop() {
            return rest == null ? this : rest;
        }

        public List<Frame> list() {
            List<Frame> out = new ArrayList<>();
            for (Frames f = this; f.top != null; f = f.rest) out.add(f.top);
            return out;
        }
    }
}
