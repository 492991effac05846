package toyisa.web;

import java.util.Arrays;
import java.util.Random;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSByRef;
import org.teavm.jso.JSObject;
import toyisa.isa.Isa;
import toyisa.jit.Jit;
import toyisa.jit.RandomCode;
import toyisa.jit.ScriptHost;
import toyisa.jit.ScriptRegion;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * The jit in the page: the jit module's engine with regions compiled to JavaScript functions, which
 * the browser's own jit then compiles to machine code. The worker makes each function with
 * {@code new Function} and calls it on the machine's registers, memory and code marks as typed
 * arrays (TeaVM's Java arrays are backed by them), so a compiled region touches no Java object.
 */
final class PageJit implements ScriptHost {
    static final PageJit HOST = new PageJit();

    private PageJit() {}

    /** Attaches the jit to a machine: {@code threshold} block entries before compiling (0 or less: the engine's default). */
    static Jit attach(Machine m, int threshold) {
        Jit.Options o = threshold > 0 ? Jit.Options.DEFAULT.withThreshold(threshold) : Jit.Options.DEFAULT;
        return Jit.attachScript(m, o, HOST);
    }

    /** The page's jit as an engine of a {@code Run}: the default threshold, a log if the run keeps one. */
    static toyisa.vm.Engines.Attached engine(Machine m, boolean log) {
        Jit jit = Jit.attachScript(m, Jit.Options.DEFAULT.withLog(log), HOST);
        return jit == null ? null : () -> jit.log() + jit.summary();
    }

    @Override
    public ScriptRegion define(String params, String body) {
        return new Function(compile(params, body));
    }

    /**
     * The function, called once with no room (it leaves at once, through its write-back) on arrays of
     * the kinds it will be given: so the browser has seen the write-back run when it first optimises
     * the function, which is mostly while its loop runs, and does not throw that code away when the
     * loop ends.
     */
    @JSBody(params = {"params", "body"}, script = "var fn = new Function(params, body);"
            + "fn(new Int32Array(64), new Int8Array(16), new Int8Array(16), new Int32Array(16), 0);"
            + "return fn;")
    private static native JSObject compile(String params, String body);

    @JSBody(params = {"fn", "r", "m", "cb", "f", "room"}, script = "return fn(r, m, cb, f, room);")
    private static native int invoke(JSObject fn, @JSByRef int[] r, @JSByRef byte[] m, @JSByRef byte[] cb, @JSByRef int[] f, int room);

    /** One compiled region: a JavaScript function. */
    private static final class Function extends ScriptRegion {
        private final JSObject fn;

        Function(JSObject fn) {
            this.fn = fn;
        }

        @Override
        protected int call(int[] r, byte[] m, byte[] cb, int[] f, int room) {
            return invoke(fn, r, m, cb, f, room);
        }
    }

    // ------------------------------------------------------------------ the differential

    /**
     * The page's jit against the page's interpreter, as the JVM jit's differential test holds the JVM
     * one: {@code programs} random looping programs ({@link RandomCode}, a quarter of them storing
     * into their own code), each with a random budget, run on both, compiling on the first to third
     * entry of a block; outcome, exit status, instruction count, output, registers, flags, PC, report
     * and all 64 KiB of memory must agree. Returns the counts and the first disagreement, if any.
     */
    static String differential(Isa isa, int programs, long seed) {
        Random rnd = new Random(seed);
        long compiled = 0, compiledInstructions = 0, interpreted = 0, deoptimisations = 0, invalidated = 0;
        int agreed = 0;
        String mismatch = null;
        for (int i = 0; i < programs && mismatch == null; i++) {
            long programSeed = rnd.nextLong();
            boolean smc = i % 4 == 3;
            byte[] p = RandomCode.generate(isa, programSeed, smc);
            long budget = 1 + rnd.nextInt(i % 10 == 0 ? 20_000 : 3_000);
            int threshold = 1 + rnd.nextInt(3);
            Machine want = machine(isa, p, budget);
            RunResult w = want.run();
            Machine got = machine(isa, p, budget);
            Jit jit = attach(got, threshold);
            RunResult g = got.run();
            String what = isa.id() + ", seed " + programSeed + (smc ? " (self-modifying)" : "") + ", budget " + budget + ", threshold " + threshold;
            mismatch = differs(w, g, want, got, what);
            if (mismatch != null) break;
            agreed++;
            Jit.Stats s = jit.stats();
            compiled += s.compiled();
            compiledInstructions += s.compiledInstructions();
            interpreted += s.interpretedInstructions();
            deoptimisations += s.deoptimisations();
            invalidated += s.invalidated();
        }
        return new Json().beginObject().field("cpu", isa.id()).field("programs", programs).field("agreed", agreed)
                .field("compiled", compiled).field("compiledInstructions", compiledInstructions).field("interpretedInstructions", interpreted)
                .field("deoptimisations", deoptimisations).field("invalidated", invalidated).field("mismatch", mismatch).endObject().toString();
    }

    private static Machine machine(Isa isa, byte[] program, long budget) {
        Machine m = Machine.create(isa);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setOutputCap(256);
        m.setInput("12\nxy");
        return m;
    }

    /** What differs between the interpreter's run and the jit's, or null. */
    private static String differs(RunResult w, RunResult g, Machine want, Machine got, String what) {
        if (w.outcome() != g.outcome()) return what + ": outcome " + w.outcome() + " on the interpreter, " + g.outcome() + " on the jit";
        if (w.exitStatus() != g.exitStatus()) return what + ": exit status " + w.exitStatus() + " against " + g.exitStatus();
        if (w.steps() != g.steps()) return what + ": " + w.steps() + " instructions against " + g.steps();
        if (!w.output().equals(g.output())) return what + ": output differs";
        if (!w.state().equals(g.state())) return what + ": registers, flags or PC: " + w.state() + " against " + g.state();
        if (!w.report().equals(g.report())) return what + ": report differs";
        byte[] a = want.readMemory(0, 0x10000), b = got.readMemory(0, 0x10000);
        if (!Arrays.equals(a, b)) {
            int at = 0;
            while (a[at] == b[at]) at++;
            return what + ": memory differs first at " + toyisa.isa.Hex.addr(at);
        }
        return null;
    }
}
