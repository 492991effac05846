package toyisa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV results ({@code -rf csv}) into the numbers the bar is stated in: guest MIPS per
 * program (the {@code instructions} counter, with JMH's 99.9% error), the geometric mean over the
 * suite per CPU and engine, and host instructions per guest instruction for the translator.
 *
 * <pre>java -cp bench/target/benchmarks.jar toyisa.bench.JmhSummary results.csv</pre>
 */
public final class JmhSummary {
    private JmhSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JmhSummary results.csv");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        if (lines.isEmpty()) throw new IllegalStateException(args[0] + " is empty");
        List<String> header = splitCsv(lines.get(0));
        int bench = header.indexOf("Benchmark"), score = header.indexOf("Score"), error = header.indexOf("Score Error (99.9%)");
        int program = header.indexOf("Param: program"), cpu = header.indexOf("Param: cpu"), engineParam = header.indexOf("Param: engine");
        // key "engine cpu" -> program -> {MIPS, error}; host/guest per program
        Map<String, Map<String, double[]>> mips = new LinkedHashMap<>();
        Map<String, Double> host = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = splitCsv(line);
            String name = f.get(bench);
            String engine = name.contains("Translated") ? "translated" : "interpreter";
            String c = cpu >= 0 && !f.get(cpu).isEmpty() ? f.get(cpu) : "intellio";
            if (name.contains("JitBenchmark")) { // engine = armistice | intellio (on the jit) | translated+jit
                String e = f.get(engineParam);
                engine = e.equals("translated+jit") ? e : "jit";
                c = e.equals("translated+jit") ? "intellio" : e;
            }
            String p = f.get(program);
            double s = Double.parseDouble(f.get(score)), e = parseOrNaN(f.get(error));
            if (name.endsWith(":instructions"))
                mips.computeIfAbsent(c + " " + engine, k -> new LinkedHashMap<>()).put(p, new double[] {s / 1e6, e / 1e6});
            else if (name.endsWith(":hostInstructions")) host.put(p, s);
        }
        System.out.println("guest MIPS per program (JMH, ± the 99.9% confidence half-width):");
        mips.forEach((k, byProgram) -> {
            double logSum = 0;
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, double[]> e : byProgram.entrySet()) {
                logSum += Math.log(e.getValue()[0]);
                sb.append(String.format(Locale.ROOT, "  %-8s %8.1f ± %.1f%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            }
            System.out.printf(Locale.ROOT, "%s: geometric mean %.1f MIPS over %d programs%n%s", k, Math.exp(logSum / byProgram.size()),
                    byProgram.size(), sb);
        });
        Map<String, double[]> translated = mips.get("intellio translated");
        if (translated != null && !host.isEmpty()) {
            List<Double> ratios = new ArrayList<>();
            System.out.println("translator: host instructions per guest instruction");
            for (Map.Entry<String, Double> e : host.entrySet()) {
                double[] g = translated.get(e.getKey());
                if (g == null) continue;
                double r = e.getValue() / (g[0] * 1e6);
                ratios.add(r);
                System.out.printf(Locale.ROOT, "  %-8s %6.2f%n", e.getKey(), r);
            }
            ratios.sort(null);
            int n = ratios.size();
            if (n > 0) System.out.printf(Locale.ROOT, "  median   %6.2f%n", n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2);
        }
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Splits one CSV line as JMH writes it: fields in double quotes or bare, separated by commas. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(ch);
        }
        out.add(cur.toString());
        return out;
    }
}
