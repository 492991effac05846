package toyisa.translate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.vm.Engines;
import toyisa.vm.Execution;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.Run;
import toyisa.vm.RunResult;

/**
 * The emulator: runs an Intellio program on the Armistice CPU by dynamic binary translation, the way
 * QEMU user mode or Rosetta run a foreign binary — the translator's public face. The work is done by
 * the {@link Dispatcher}; the result, exit status and reports are the ones the Intellio interpreter
 * would give.
 *
 * <pre>
 * Emulator.Result r = Emulator.run(bytes, Emulator.options().log(true));
 * r.result().output();   r.result().exitStatus();   r.log();   r.stats().expansion();
 * </pre>
 */
public final class Emulator {
    /** The translation log's default cap: a program that keeps retranslating cannot fill the host's memory. */
    public static final long DEFAULT_LOG_CAP = toyisa.vm.Run.DEFAULT_LOG_CAP;

    /** How to run: budget (guest instructions), output cap, input, an echo of output, the translation log. */
    public static final class Options {
        long budget = Machine.DEFAULT_BUDGET;
        int outputCap = Machine.DEFAULT_OUTPUT_CAP;
        byte[] input = new byte[0];
        InputStream inputStream;
        Consumer<String> echo;
        boolean log;
        long logCap = DEFAULT_LOG_CAP;
        Consumer<HostCpu> onHost;
        Isa guest = Intellio.ISA;

        public Options budget(long guestInstructions) {
            if (guestInstructions < 0) throw new IllegalArgumentException("the instruction budget must not be negative");
            this.budget = guestInstructions;
            return this;
        }

        public Options outputCap(int cap) {
            this.outputCap = cap;
            return this;
        }

        public Options input(String text) {
            this.input = text.getBytes(StandardCharsets.UTF_8);
            this.inputStream = null;
            return this;
        }

        public Options input(InputStream in) {
            this.inputStream = in;
            return this;
        }

        public Options echo(Consumer<String> echo) {
            this.echo = echo;
            return this;
        }

        /** Record the translation log: each guest block, then the host code made for it. */
        public Options log(boolean log) {
            this.log = log;
            return this;
        }

        /**
         * The guest CPU: Intellio (translated to Armistice, the default) or Armistice (translated to
         * Intellio). The host is the other one.
         */
        public Options guest(Isa cpu) {
            if (cpu == null || (cpu.machine() != Intellio.ISA.machine() && cpu.machine() != Armistice.ISA.machine()))
                throw new IllegalArgumentException("no translator for that guest CPU");
            this.guest = cpu;
            return this;
        }

        /** Called with the host CPU before the run: the jit engine attaches itself to it here. */
        public Options onHost(Consumer<HostCpu> setup) {
            this.onHost = setup;
            return this;
        }

        /** The most characters of log kept; the blocks after them are counted, not logged. */
        public Options logCap(long chars) {
            if (chars < 0) throw new IllegalArgumentException("the log cap must not be negative");
            this.logCap = chars;
            return this;
        }
    }

    /**
     * Counts of one run.
     *
     * @param blocksTranslated  guest blocks translated (including retranslations after invalidation)
     * @param cacheHits         times the dispatcher found a block already translated
     * @param chained           exits patched into direct jumps, plus inline-cache entries
     * @param invalidations     translations dropped because the guest wrote into their code
     * @param guestInstructions guest instructions executed
     * @param hostInstructions  host instructions executed (including stubs and budget checks)
     */
    public record Stats(long blocksTranslated, long cacheHits, long chained, long invalidations,
                        long guestInstructions, long hostInstructions) {
        /** Host instructions per guest instruction. */
        public double expansion() {
            return guestInstructions == 0 ? 0 : (double) hostInstructions / guestInstructions;
        }

        /** The counts as the log ends them. */
        public String format() {
            return String.format(java.util.Locale.ROOT, "blocks translated:  %d\ncache hits:         %d\nchained exits:      %d\n"
                    + "invalidations:      %d\nguest instructions: %d\nhost instructions:  %d\n"
                    + "expansion:          %.2f host instructions per guest instruction\n",
                    blocksTranslated, cacheHits, chained, invalidations, guestInstructions, hostInstructions, expansion());
        }
    }

    /**
     * What a translated run gave.
     *
     * @param result as the Intellio interpreter reports it: outcome, exit status, output, fault or hang report, final state
     * @param log    the translation log (empty unless asked for)
     * @param stats  the counts
     * @param memory the guest's 64 KiB at the end
     */
    public record Result(RunResult result, String log, Stats stats, byte[] memory) {}

    public static Options options() {
        return new Options();
    }

    /** Runs a raw Intellio binary (loaded and entered at 0100h). */
    public static Result run(byte[] program, Options options) {
        return run(Program.raw(program), options);
    }

    /** Runs a loaded program of the guest CPU in the options (its segments and entry). */
    public static Result run(Program program, Options options) {
        if (options.guest.machine() == Armistice.ISA.machine()) return new ArmisticeDispatcher(program, options).run();
        return new Dispatcher(program, options).run();
    }

    /**
     * A run set up translated (the translated engines of {@link Run}): its guest CPU's code on the
     * other CPU, the host code on {@code hostJit} when one is given.
     */
    public static Translated start(Run run, Engines.Jit hostJit) {
        Options o = options().guest(run.cpu()).budget(run.budget()).outputCap(run.outputCap()).log(run.log()).logCap(run.logCap());
        if (run.inputStream() != null) o.input(run.inputStream());
        else o.input = run.input();
        if (run.echo() != null) o.echo(run.echo());
        Engines.Attached[] attached = {null};
        if (hostJit != null) o.onHost(cpu -> attached[0] = hostJit.attach(cpu.core().machine(), run.log()));
        // Made now, so the host core and its jit are set up before the run starts.
        java.util.function.Supplier<Result> translated = o.guest.machine() == Armistice.ISA.machine()
                ? new ArmisticeDispatcher(run.program(), o)::run : new Dispatcher(run.program(), o)::run;
        return new Translated(run, translated, attached[0]);
    }

    /** The translator as an engine of {@link Run} (found as a service on the class path). */
    public static final class Provider implements Engines.Translator {
        @Override
        public Execution start(Run run, Engines.Jit hostJit) {
            return Emulator.start(run, hostJit);
        }
    }

    /** A translated run: {@link #run} translates and runs it; {@link #result} is the emulator's own account. */
    public static final class Translated implements Execution {
        private final Run spec;
        private final java.util.function.Supplier<Result> translated;
        private final Engines.Attached jit;
        private Result result;

        private Translated(Run spec, java.util.function.Supplier<Result> translated, Engines.Attached jit) {
            this.spec = spec;
            this.translated = translated;
            this.jit = jit;
        }

        @Override
        public Run spec() {
            return spec;
        }

        @Override
        public RunResult run() {
            if (result == null) result = translated.get();
            return result.result();
        }

        /** The result, the translation log and the counts; null before {@link #run}. */
        public Result result() {
            return result;
        }

        @Override
        public Machine machine() {
            return null;
        }

        @Override
        public byte[] memory() {
            return result == null ? new byte[0x10000] : result.memory();
        }

        @Override
        public boolean jitAttached() {
            return jit != null;
        }

        @Override
        public String translationLog() {
            return result == null ? "" : result.log();
        }

        @Override
        public String jitLog() {
            return jit == null || !spec.log() ? "" : jit.log();
        }

        @Override
        public long hostInstructions() {
            return result == null ? 0 : result.stats().hostInstructions();
        }
    }
}
