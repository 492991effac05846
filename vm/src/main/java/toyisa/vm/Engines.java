package toyisa.vm;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The engines a program can run guest code on. The interpreter is always here (module {@code vm});
 * the others are services on the class path ({@code META-INF/services}): the translator's jar
 * registers the translator, and the command line (module {@code repl}) registers the JVM's jit,
 * which a page compiled to JavaScript cannot run and must not pull in. A host that knows better (the
 * page, with a jit of its own or none) installs its set with {@link #install}. A run that asks for
 * the jit where there is none runs on the interpreter, which gives the same result to the
 * instruction; {@link Execution#jitAttached} says so.
 */
public final class Engines {
    /** A jit: compiles a machine's hot code (the guest's own machine, or a translator's host core). */
    public interface Jit {
        /**
         * Attaches to a machine before it runs; null when it does not run here (turned off, or that
         * CPU not compiled), leaving the machine to its interpreter.
         */
        Attached attach(Machine m, boolean log);
    }

    /** A jit attached to one machine. */
    public interface Attached {
        /** Each region compiled beside its code (with a log), then the counts. */
        String log();
    }

    /** A binary translator: runs a guest program translated to the other CPU's code. */
    public interface Translator {
        /**
         * Sets up the run translated; {@code hostJit}, when not null, is attached to the host core
         * so the translated code is compiled in turn.
         */
        Execution start(Run run, Jit hostJit);
    }

    private static volatile Engines installed;

    private Translator translator;
    private Jit jit;
    /** Look for the translator and the jit on the class path the first time a run needs one of them. */
    private boolean discover;

    private Engines(Translator translator, Jit jit, boolean discover) {
        this.translator = translator;
        this.jit = jit;
        this.discover = discover;
    }

    /** The interpreter alone. */
    public static Engines interpreter() {
        return new Engines(null, null, false);
    }

    public Engines withTranslator(Translator t) {
        return new Engines(t, jit, false);
    }

    public Engines withJit(Jit j) {
        return new Engines(translator, j, false);
    }

    /** True when this set can run the engine (the jit's runs fall back on the interpreter otherwise). */
    public boolean has(Engine e) {
        if (e != Engine.INTERPRETER) discover();
        return (!e.translated() || translator != null) && (!e.jit() || jit != null);
    }

    /**
     * The engines this program runs on: those {@link #install installed}, or else the translator and
     * the jit found on the class path (looked for when a run first needs one: a run on the
     * interpreter costs no search).
     */
    public static Engines installed() {
        Engines e = installed;
        if (e == null) installed = e = new Engines(null, null, true);
        return e;
    }

    /** Makes {@code engines} the set every {@link Run#start()} uses from now on. */
    public static void install(Engines engines) {
        installed = engines;
    }

    private synchronized void discover() {
        if (!discover) return;
        translator = first(ServiceLoader.load(Translator.class));
        jit = first(ServiceLoader.load(Jit.class));
        discover = false;
    }

    private static <T> T first(ServiceLoader<T> loader) {
        Iterator<T> it = loader.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** Sets a run up: the translator for a translated engine, else the guest's own machine with the jit if asked. */
    public Execution start(Run run) {
        Engine e = run.engine();
        if (e != Engine.INTERPRETER) discover();
        Jit j = e.jit() ? jit : null;
        if (e.translated()) {
            if (translator == null) throw new IllegalStateException("no translator here to run " + run.cpu().name() + " code translated");
            return translator.start(run, j);
        }
        Machine m = Machine.create(run.cpu());
        Attached attached = j == null ? null : j.attach(m, run.log());
        m.load(run.program());
        run.applyTo(m);
        return new Interpreted(run, m, attached);
    }

    /** A run on the guest's own machine: its interpreter, with the jit when one is attached. */
    private static final class Interpreted implements Execution {
        private final Run spec;
        private final Machine machine;
        private final Attached jit;

        Interpreted(Run spec, Machine machine, Attached jit) {
            this.spec = spec;
            this.machine = machine;
            this.jit = jit;
        }

        @Override
        public Run spec() {
            return spec;
        }

        @Override
        public RunResult run() {
            return machine.run();
        }

        @Override
        public Machine machine() {
            return machine;
        }

        @Override
        public byte[] memory() {
            return machine.readMemory(0, 0x10000);
        }

        @Override
        public boolean jitAttached() {
            return jit != null;
        }

        @Override
        public String translationLog() {
            return "";
        }

        @Override
        public String jitLog() {
            return jit == null || !spec.log() ? "" : jit.log();
        }

        @Override
        public long hostInstructions() {
            return machine.steps();
        }
    }
}
