package toyisa.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toyisa.vm.Engine;

/**
 * The suite table that {@code bench/run} prints: every program on every CPU and engine, timed in
 * this JVM, beside its native C twin.
 *
 * <p>Each configuration runs in a JVM of its own (as JMH forks do), a few times to warm up (so
 * HotSpot has compiled the fast loop), then timed several times; the table shows the median. Every run is checked against the program's
 * result. The numbers of record for the bar are JMH's ({@code bench/run jmh}: separate forks,
 * proper warm-up); this table puts them side by side with the native code and the translator.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar toyisa.bench.SuiteTable [--scale 1.0] [--runs 5] [--warmup 2]
 *      [--only sieve,fib] [--native DIR] [--cpu-time] [--no-fork] [--json]
 * </pre>
 */
public final class SuiteTable {
    /** One measured row. Native rows have no guest instructions. */
    record Row(String program, String cpu, String engine, long guestInstructions, long hostInstructions,
               double seconds, double nativeSeconds, double interpretedSeconds) {
        double mips() {
            return guestInstructions / seconds / 1e6;
        }

        double timesNative() {
            return nativeSeconds > 0 ? seconds / nativeSeconds : Double.NaN;
        }

        double translatedOverInterpreted() {
            return interpretedSeconds > 0 ? seconds / interpretedSeconds : Double.NaN;
        }

        double hostPerGuest() {
            return engine.equals("translated") ? (double) hostInstructions / guestInstructions : Double.NaN;
        }
    }

    private double scale = 1.0;
    private int runs = 5;
    private int warmup = 2;
    private boolean json;
    /** Time by this thread's CPU time instead of the wall clock: steadier on a machine busy with other work. */
    private boolean cpuTime;
    /** Each configuration in its own JVM (the default), or all in this one. */
    private boolean fork = true;
    /** In a child JVM: program, CPU, engine and repeat count of the one configuration to measure. */
    private String[] child;
    private Path nativeDir;
    private List<String> only = Suite.NAMES;
    /** Remarks printed under the table. */
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) {
        SuiteTable t = new SuiteTable();
        try {
            t.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench/run [--scale F] [--runs N] [--warmup N] [--only prog,prog] [--cpu-time] [--no-fork] [--json]");
            System.exit(2);
        }
        try {
            if (t.child != null) {
                long[] m = t.measureHere(Suite.named(t.child[0]), t.child[1], Engine.byLabel(t.child[2]), Integer.parseInt(t.child[3]));
                System.out.println(m[0] + " " + m[1] + " " + m[2] + " " + m[3]);
                return;
            }
            t.measure(System.out, System.err);
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json":
                    json = true;
                    break;
                case "--cpu-time":
                    cpuTime = true;
                    break;
                case "--no-fork":
                    fork = false;
                    break;
                case "--child":
                    if (i + 4 >= args.length) throw new IllegalArgumentException("--child needs program, CPU, engine and repeat");
                    child = Arrays.copyOfRange(args, i + 1, i + 5);
                    i += 4;
                    break;
                case "--scale":
                    scale = Double.parseDouble(value(args, ++i, a));
                    if (!(scale > 0)) throw new IllegalArgumentException("--scale must be positive");
                    break;
                case "--runs":
                    runs = Integer.parseInt(value(args, ++i, a));
                    if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(value(args, ++i, a));
                    if (warmup < 0) throw new IllegalArgumentException("--warmup must not be negative");
                    break;
                case "--native":
                    nativeDir = Path.of(value(args, ++i, a));
                    break;
                case "--only":
                    only = List.of(value(args, ++i, a).split(","));
                    for (String n : only) Suite.named(n);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    void measure(PrintStream out, PrintStream progress) {
        List<Row> rows = new ArrayList<>();
        for (String name : only) {
            BenchProgram p = Suite.named(name);
            int repeat = p.repeat(scale);
            NativeTwin twin = nativeDir == null ? null : new NativeTwin(nativeDir, p);
            boolean withNative = twin != null && twin.exists();
            int nativeRow = rows.size();
            List<Double> allNative = new ArrayList<>();
            if (withNative) {
                progress.printf(java.util.Locale.ROOT, "bench: %s native C -O2%n", name);
                for (int i = 0; i < warmup; i++) twin.run(repeat, cpuTime);
                rows.add(null); // the C row, once all its runs are in
            }
            Map<String, Double> interpreted = new LinkedHashMap<>();
            for (String[] config : configurations()) {
                Engine engine = Engine.byLabel(config[1]);
                progress.printf(java.util.Locale.ROOT, "bench: %s %s %s%n", name, config[0], engine.label());
                // The machine's speed drifts (here by up to twice over minutes): each row is divided by
                // the C twin timed just before and just after it, not by one baseline minutes away.
                double[] before = withNative ? nativeRuns(twin, repeat) : null;
                long[] m = fork ? measureInChild(name, config[0], engine, repeat) : measureHere(p, config[0], engine, repeat);
                double[] after = withNative ? nativeRuns(twin, repeat) : null;
                double nativeSeconds = Double.NaN;
                if (withNative) {
                    double[] both = new double[before.length + after.length];
                    System.arraycopy(before, 0, both, 0, before.length);
                    System.arraycopy(after, 0, both, before.length, after.length);
                    nativeSeconds = median(both);
                    for (double t : both) allNative.add(t);
                }
                double seconds = m[2] / 1e9;
                if (m[3] != m[0])
                    notes.add(String.format(Locale.ROOT, "%s %s %s: the engine counted %,d guest instructions; the interpreter's count, %,d, is used",
                            name, config[0], engine.label(), m[3], m[0]));
                boolean translated = engine.translated();
                rows.add(new Row(name, config[0], engine.label(), m[0], m[1], seconds, nativeSeconds,
                        translated ? interpreted.getOrDefault(config[0], Double.NaN) : Double.NaN));
                if (engine == Engine.INTERPRETER) interpreted.put(config[0], seconds);
            }
            if (withNative) {
                double c = median(allNative.stream().mapToDouble(Double::doubleValue).toArray());
                rows.set(nativeRow, new Row(name, hostArch(), "C -O2", 0, 0, c, c, Double.NaN));
            }
        }
        if (json) printJson(out, rows);
        else printTable(out, rows);
    }

    /** {@link #runs} timed runs of the C twin, in seconds. */
    private double[] nativeRuns(NativeTwin twin, int repeat) {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) t[i] = twin.run(repeat, cpuTime);
        return t;
    }

    /**
     * Warms up, then times {@link #runs} runs; returns guest instructions, host instructions and the
     * median in nanoseconds. Every run is checked.
     */
    long[] measureHere(BenchProgram p, String cpu, Engine engine, int repeat) {
        Runner r = Runner.prepare(p, cpu, engine, repeat);
        for (int i = 0; i < warmup; i++) {
            r.run();
            r.check();
        }
        double[] t = new double[runs];
        long guest = 0;
        for (int i = 0; i < runs; i++) {
            long start = now();
            guest = r.run();
            t[i] = now() - start;
            r.check();
        }
        long reported = r instanceof Translated ? ((Translated) r).reportedGuestInstructions() : guest;
        return new long[] {guest, r.hostInstructions(), Math.round(median(t)), reported};
    }

    /**
     * The same in a fresh JVM, as JMH forks do: HotSpot compiles the interpreter's loop for what it
     * has seen run, so in one shared JVM each program would run code shaped for the ones before it.
     */
    private long[] measureInChild(String program, String cpu, Engine engine, int repeat) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SuiteTable.class.getName(), "--child", program, cpu, engine.label(),
                Integer.toString(repeat), "--runs", Integer.toString(runs), "--warmup", Integer.toString(warmup)));
        if (cpuTime) cmd.add("--cpu-time");
        try {
            Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (proc.waitFor() != 0) throw new IllegalStateException(program + " on " + cpu + " " + engine.label() + " failed: " + out);
            String[] f = out.split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start a JVM for " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private long now() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU and engine pairs, in table order: both interpreters, then the translator if this build has it. */
    static List<String[]> configurations() {
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {"armistice", "interpreter"});
        c.add(new String[] {"intellio", "interpreter"});
        if (Translated.available()) c.add(new String[] {"intellio", "translated"});
        if (Translated.available()) c.add(new String[] {"armistice", "translated"});
        c.add(new String[] {"armistice", "jit"});
        c.add(new String[] {"intellio", "jit"});
        if (Translated.available()) c.add(new String[] {"intellio", "translated+jit"});
        if (Translated.available()) c.add(new String[] {"armistice", "translated+jit"});
        return c;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Geometric mean of MIPS over the programs, per CPU and engine. */
    static Map<String, Double> geometricMeans(List<Row> rows) {
        return geometricMeans(rows, Row::mips);
    }

    /** Geometric mean of ÷ C -O2 over the programs, per CPU and engine (only where every program has its C twin). */
    static Map<String, Double> nativeMeans(List<Row> rows) {
        return geometricMeans(rows, Row::timesNative);
    }

    /** Geometric mean of {@code value} over the engine rows, per CPU and engine; none where a value is missing. */
    private static Map<String, Double> geometricMeans(List<Row> rows, java.util.function.ToDoubleFunction<Row> value) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.guestInstructions() == 0) continue;
            double[] a = acc.computeIfAbsent(r.cpu() + " " + r.engine(), k -> new double[2]);
            a[0] += Math.log(value.applyAsDouble(r));
            a[1]++;
        }
        Map<String, Double> g = new LinkedHashMap<>();
        acc.forEach((k, a) -> {
            if (!Double.isNaN(a[0])) g.put(k, Math.exp(a[0] / a[1]));
        });
        return g;
    }

    /** Per translated CPU and engine: the geometric means of translated ÷ interpreted time and of host per guest instruction. */
    static Map<String, double[]> translationMeans(List<Row> rows) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.engine().startsWith("translated") || Double.isNaN(r.translatedOverInterpreted())) continue;
            double[] a = acc.computeIfAbsent(r.cpu() + " " + r.engine(), k -> new double[3]);
            a[0] += Math.log(r.translatedOverInterpreted());
            a[1] += r.hostInstructions() > 0 ? Math.log((double) r.hostInstructions() / r.guestInstructions()) : 0;
            a[2]++;
        }
        Map<String, double[]> g = new LinkedHashMap<>();
        acc.forEach((k, a) -> g.put(k, new double[] {Math.exp(a[0] / a[2]), Math.exp(a[1] / a[2])}));
        return g;
    }

    private void printTable(PrintStream out, List<Row> rows) {
        out.printf(Locale.ROOT, "toyisa bench: scale %s, median of %d runs after %d warm-up runs%s%s; Java %s (%s), %d CPUs%n",
                scale, runs, warmup, cpuTime ? ", thread CPU time" : "", fork ? ", a JVM per row" : ", one JVM", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors());
        out.println();
        out.printf(java.util.Locale.ROOT, "%-8s %-10s %-14s %14s %9s %8s %9s %9s %9s%n", "program", "CPU", "engine", "guest instr", "seconds", "MIPS",
                "÷ C -O2", "tr ÷ int", "host/gst");
        String last = null;
        for (Row r : rows) {
            if (last != null && !last.equals(r.program())) out.println();
            last = r.program();
            boolean isNative = r.guestInstructions() == 0;
            out.printf(Locale.ROOT, "%-8s %-10s %-14s %14s %9.4f %8s %9s %9s %9s%n", r.program(), r.cpu(), r.engine(),
                    isNative ? "-" : String.format(Locale.ROOT, "%,d", r.guestInstructions()), r.seconds(),
                    isNative ? "-" : fmt(r.mips(), 1), isNative ? "1" : fmt(r.timesNative(), 1),
                    fmt(r.translatedOverInterpreted(), 2), fmt(r.hostPerGuest(), 2));
        }
        out.println();
        out.println("geometric mean over the suite (MIPS = million guest instructions per second):");
        geometricMeans(rows).forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %8.1f MIPS%n", k, v));
        Map<String, Double> nm = nativeMeans(rows);
        if (!nm.isEmpty()) {
            out.println("geometric mean of ÷ C -O2 (each row against the C twin timed just before and after it):");
            nm.forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %8.2f%n", k, v));
        }
        out.println("geometric mean of translated ÷ interpreted (the guest's own interpreter) and host per guest instruction:");
        translationMeans(rows).forEach((k, v) -> out.printf(Locale.ROOT, "  %-24s %8.2f   %6.2f host/gst%n", k, v[0], v[1]));
        if (nativeDir == null) out.println("(no native column: run through bench/run, which compiles the C twins with gcc -O2)");
        for (String n : notes) out.println("note: " + n);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private void printJson(PrintStream out, List<Row> rows) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
        root.put("scale", scale);
        root.put("clock", cpuTime ? "thread CPU time" : "wall");
        root.put("runs", runs);
        root.put("warmup", warmup);
        root.put("java", System.getProperty("java.version"));
        com.fasterxml.jackson.databind.node.ArrayNode results = root.putArray("results");
        for (Row r : rows) {
            com.fasterxml.jackson.databind.node.ObjectNode o = results.addObject();
            o.put("program", r.program());
            o.put("cpu", r.cpu());
            o.put("engine", r.engine());
            put(o, "seconds", r.seconds());
            if (r.guestInstructions() > 0) {
                o.put("guestInstructions", r.guestInstructions());
                put(o, "mips", r.mips());
                put(o, "timesNative", r.timesNative());
                if (r.engine().equals("translated")) {
                    o.put("hostInstructions", r.hostInstructions());
                    put(o, "hostPerGuest", r.hostPerGuest());
                    put(o, "translatedOverInterpreted", r.translatedOverInterpreted());
                }
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode means = root.putObject("geometricMeanMips");
        for (Map.Entry<String, Double> e : geometricMeans(rows).entrySet()) put(means, e.getKey(), e.getValue());
        com.fasterxml.jackson.databind.node.ObjectNode nativeMeans = root.putObject("geometricMeanTimesNative");
        for (Map.Entry<String, Double> e : nativeMeans(rows).entrySet()) put(nativeMeans, e.getKey(), e.getValue());
        com.fasterxml.jackson.databind.node.ArrayNode ns = root.putArray("notes");
        notes.forEach(ns::add);
        try {
            out.println(json.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Six significant digits, as the table prints them; a ratio that does not exist is null. */
    private static void put(com.fasterxml.jackson.databind.node.ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) o.putNull(key);
        else o.put(key, Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
    }

    private static String hostArch() {
        return System.getProperty("os.arch");
    }
}
