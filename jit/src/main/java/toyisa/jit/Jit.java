package toyisa.jit;

import toyisa.vm.Core;
import toyisa.vm.Engines;
import toyisa.vm.Machine;

/**
 * The jit engine: hot guest code compiled to JVM bytecode, which HotSpot compiles to machine code in
 * turn. Attached to a machine, it runs that machine's {@code run} with the interpreter's result to
 * the instruction (outcome, exit status, output, registers, flags, memory, count); stepping and
 * undo stay the interpreter's. {@code TOYISA_JIT=off} in the environment turns it off everywhere.
 */
public final class Jit {
    /**
     * @param threshold    block entries before a block is compiled
     * @param maxRegions   regions kept at once; past it the less used half is evicted
     * @param maxCodeBytes bytecode kept at once, likewise
     * @param log          keep a log of each region: its guest instructions beside its bytecode
     * @param maxLogChars  the log's bound
     */
    public record Options(int threshold, int maxRegions, long maxCodeBytes, boolean log, int maxLogChars) {
        public static final Options DEFAULT = new Options(500, 2048, 8L << 20, false, 1 << 20);

        public Options {
            if (threshold < 1) throw new IllegalArgumentException("the threshold must be at least 1");
            if (maxRegions < 1 || maxCodeBytes < 1) throw new IllegalArgumentException("the code cache must hold something");
        }

        public Options withThreshold(int t) {
            return new Options(t, maxRegions, maxCodeBytes, log, maxLogChars);
        }

        public Options withLog(boolean on) {
            return new Options(threshold, maxRegions, maxCodeBytes, on, maxLogChars);
        }

        public Options withCache(int regions, long bytes) {
            return new Options(threshold, regions, bytes, log, maxLogChars);
        }
    }

    /**
     * What the engine did: regions made (compiled, or reused from an earlier run of the same bytes), in use and their bytecode; regions dropped because
     * their code changed (invalidated) or the cache was full (evicted); times a region handed an
     * instruction of its own back to the interpreter (deoptimisations: faults, stores into code); guest
     * instructions run compiled and interpreted; regions entered by the engine, and by a call from
     * another region (chained).
     */
    public record Stats(long compiled, long reused, int live, long codeBytes, long invalidated, long evicted, long deoptimisations,
                        long regionEntries, long compiledInstructions, long interpretedInstructions, long chainedEntries) {}

    private final JitEngine engine;

    private Jit(JitEngine engine) {
        this.engine = engine;
    }

    /** True unless {@code TOYISA_JIT=off}. */
    public static boolean enabled() {
        return !"off".equals(System.getenv("TOYISA_JIT"));
    }

    /**
     * Attaches the engine to a machine (before {@link Machine#load} or after: compiled code starts
     * empty either way). Returns null, leaving the machine to its interpreter, when the engine is
     * turned off or does not compile that CPU.
     */
    public static Jit attach(Machine m, Options options) {
        return attach(Core.of(m), options);
    }

    /** Attaches the engine to a core: a machine's, or a binary translator's host CPU (the translated code is compiled in turn). */
    public static Jit attach(Core core, Options options) {
        JitCpu cpu = JitCpu.of(core);
        if (!enabled() || cpu == null) return null;
        return attach(core, cpu, options, BytecodeBackend.INSTANCE);
    }

    /**
     * Attaches the engine with regions compiled to JavaScript functions that {@code host} makes: the
     * page's jit. Returns null when the engine does not compile that CPU.
     */
    public static Jit attachScript(Machine m, Options options, ScriptHost host) {
        Core core = Core.of(m);
        JitCpu cpu = JitCpu.of(core);
        return cpu == null ? null : attach(core, cpu, options, new ScriptBackend(host));
    }

    private static Jit attach(Core core, JitCpu cpu, Options options, RegionBackend backend) {
        JitEngine engine = new JitEngine(core, cpu, options, backend);
        core.attach(engine);
        return new Jit(engine);
    }

    /** Leaves the machine to its interpreter again: nothing compiled runs from now on. */
    public void detach() {
        engine.detach();
    }

    public Stats stats() {
        JitEngine e = engine;
        return new Stats(e.compiled, e.reused, e.liveRegions(), e.codeBytes(), e.invalidated, e.evicted, e.deoptimisations(), e.entries,
                e.compiledInstructions, e.interpretedInstructions, e.chained());
    }

    /** Each region compiled (with {@link Options#log}): its guest instructions beside its JVM bytecode. */
    public String log() {
        return engine.log();
    }

    /** The counts as the log's last lines. */
    public String summary() {
        Stats s = stats();
        return String.format(java.util.Locale.ROOT,
                "jit: %s (%d of them compiled before, by an earlier run; %d in use, %d bytes of bytecode), %d invalidated, %d evicted, %s (bail-outs to the interpreter);\n"
                        + "     %d guest instructions compiled, %d interpreted, %s, %s\n",
                count(s.compiled(), "region"), s.reused(), s.live(), s.codeBytes(), s.invalidated(), s.evicted(),
                count(s.deoptimisations(), "deoptimisation"), s.compiledInstructions(), s.interpretedInstructions(), count(s.regionEntries(), "region entry"),
                count(s.chainedEntries(), "chained call"));
    }

    private static String count(long n, String what) {
        return n + " " + (n == 1 ? what : what.endsWith("y") ? what.substring(0, what.length() - 1) + "ies" : what + "s");
    }

    /** The jit as an engine of {@link Run} (found as a service on the class path): the default options, a log if the run keeps one. */
    public static final class Provider implements Engines.Jit {
        @Override
        public Engines.Attached attach(Machine m, boolean log) {
            Jit jit = Jit.attach(m, Options.DEFAULT.withLog(log));
            return jit == null ? null : () -> jit.log() + jit.summary();
        }
    }
}
