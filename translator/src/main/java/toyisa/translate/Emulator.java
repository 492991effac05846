package toyisa.translate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Program;
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
    public static final long DEFAULT_LOG_CAP = 16L << 20;

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
}
