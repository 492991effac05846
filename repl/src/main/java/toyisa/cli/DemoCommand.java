package toyisa.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.RunResult;
import toyisa.vm.exec.BinfmtEntry;
import toyisa.vm.exec.BinfmtRegistry;
import toyisa.vm.exec.Exec;
import toyisa.vm.misdecode.Comparison;
import toyisa.vm.misdecode.ComparisonText;

/**
 * {@code toyisa demo}: the seed's whole story on its own program, {@code Print(42)} — one source,
 * two builds, two native runs, two wrong-CPU crashes, the misdecode side by side, a header that
 * lets the loader refuse a foreign file, and the emulator that runs it anyway.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Tell the whole story on the built-in Print(42): one portable source, a build",
            "for each CPU, each binary on its own CPU (prints 42) and on the wrong one",
            "(misdecoded, crashes), the two side by side, exec's format check, and the",
            "emulator that runs the foreign binary by translating it, both ways.",
            "Given FILE (portable source), the story is told on that program instead."
        })
public final class DemoCommand implements Callable<Integer> {
    /** The seed's program, in the portable assembly. */
    static final String PRINT_42 = String.join("\n",
            "; Print(42): the same source for both CPUs",
            "mov a, 10h      ; HAL service 10h: print a number",
            "mov c, 42       ; the number",
            "int 13h         ; call the HAL",
            "halt",
            "");

    @Option(names = "--color", paramLabel = "WHEN", description = "auto (on a terminal), always or never (default ${DEFAULT-VALUE})")
    Colour colour = Colour.AUTO;

    @Option(names = "--act", paramLabel = "N", description = "show only act N (1 to " + DemoCommand.ACTS + ")")
    int only;

    @Option(names = "--pause", description = "wait for Enter before each act (for telling it in a lecture)")
    boolean pause;

    @CommandLine.Parameters(arity = "0..1", paramLabel = "FILE", description = "a portable source to tell the story on (default: Print(42))")
    java.nio.file.Path file;

    /** How many acts the story has. */
    static final int ACTS = 8;
    /** The widest line the demo prints: a report's long lines are folded to fit. */
    static final int WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private PrintWriter shown;
    private final PrintWriter hidden = new PrintWriter(java.io.Writer.nullWriter());
    private boolean paint;
    private java.io.BufferedReader keyboard;

    @Override
    public Integer call() {
        shown = spec.commandLine().getOut();
        out = shown;
        paint = colour.enabled();
        if (only < 0 || only > ACTS) throw InputFile.usage(spec.commandLine(), "--act must be 1 to " + ACTS);
        String source = PRINT_42;
        String name = "print42";
        boolean seed = file == null;
        if (!seed) {
            byte[] bytes = InputFile.read(spec.commandLine(), file);
            source = toyisa.container.Utf8.text(bytes);
            if (source == null) throw InputFile.usage(spec.commandLine(), file + " is not UTF-8 text");
            name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        }
        Isa armistice = Isa.byName("armistice");
        Isa intellio = Isa.byName("intellio");

        if (only == 0) {
            title("toyisa demo: machine code belongs to one CPU");
            out.println("Two invented CPUs: Armistice (fixed 4-byte instructions, big-endian constants)");
            out.println("and Intellio (1 to 4 bytes, little-endian constants). One program for both.");
        }

        act(1, seed ? "One portable source: Print(42)" : "One portable source: " + file.getFileName());
        for (String line : source.strip().split("\n")) out.println("    " + line);

        act(2, "Two builds of the same source (toyisa asm --target armistice | intellio)");
        Assembly a = Assembler.assemble(name + ".pasm", source, armistice);
        Assembly i = Assembler.assemble(name + ".pasm", source, intellio);
        if (!a.ok() || !i.ok()) {
            spec.commandLine().getErr().print(a.formatDiagnostics() + i.formatDiagnostics());
            return 1;
        }
        for (Assembly asm : List.of(a, i)) {
            String bytes = Hex.bytes(asm.binary());
            if (bytes.length() > WIDTH - 30) bytes = bytes.substring(0, WIDTH - 34).replaceFirst(" \\S*$", "") + " ...";
            out.printf(java.util.Locale.ROOT, "    %-9s %2d bytes: %s%n", asm.target().name(), asm.binary().length, bytes);
        }
        if (seed) {
            out.println("    Armistice: mov a, 10h is 36 01 00 10 (opcode, register, big-endian constant).");
            out.println("    Intellio:  mov a, 10h is 20 10 (an opcode per register, one constant byte).");
        }

        act(3, "Each binary on its own CPU");
        shell("toyisa run --cpu armistice " + name + ".armistice.bin");
        run(armistice, a.binary(), false);
        shell("toyisa run --cpu intellio " + name + ".intellio.bin");
        run(intellio, i.binary(), false);

        act(4, "Each binary on the wrong CPU: misdecoded, instruction by instruction");
        shell("toyisa run --trace --cpu armistice " + name + ".intellio.bin");
        run(armistice, i.binary(), true);
        if (seed) {
            out.println("    Opcode 20h is Armistice's and.imm.reg: it ate 10 22 as its constant and 2A (the 42)");
            out.println("    as its register byte (r10); the next fetch, CD 13 F4 00, is garbage.");
        }
        shell("toyisa run --trace --cpu intellio " + name + ".armistice.bin");
        run(intellio, a.binary(), true);
        if (seed) out.println("    Seven wrong instructions (2A 0C 13 ate half of the int 13h), then 0F 00: illegal.");

        act(5, "The same bytes on both CPUs, side by side (toyisa compare " + name + ".intellio.bin)");
        for (String line : ComparisonText.render(Comparison.of(Program.raw(i.binary()), Comparison.DEFAULT_BUDGET), paint).split("\n"))
            say("    " + line);

        act(6, "A header names the machine, so the loader can refuse a foreign file");
        byte[] txf = i.toTxf();
        say("    " + name + ".intellio.txf starts " + Hex.bytes(java.util.Arrays.copyOf(txf, 8))
                + " (\\x7fTXF, version 1, little-endian, executable, machine 1E: Intellio)");
        BinfmtRegistry registry = BinfmtRegistry.defaults();
        BinfmtEntry entry = registry.entry(BinfmtRegistry.INTELLIO_ENTRY).orElseThrow();
        try {
            registry.setEnabled(entry.name(), false);
        } catch (toyisa.vm.exec.ConfigException e) {
            throw new IllegalStateException(e);
        }
        shell("toyisa binfmt --disable " + entry.name() + "      # no emulator for Intellio binaries");
        shell("toyisa exec --machine armistice " + name + ".intellio.txf");
        Exec.Plan refused = Exec.decide(txf, name + ".intellio.txf", armistice, registry);
        say("    toyisa exec: " + refused.message());
        out.println("    (exit status " + Exec.REFUSED_STATUS + ": nothing ran)");
        shell("toyisa binfmt --display " + entry.name());
        for (String line : entry.withEnabled(false).display().split("\n")) out.println("    " + line);

        act(7, "The emulator runs it anyway, by translating it to Armistice instructions");
        Interpreters.Interpreter emulator = Interpreters.find(entry.interpreter());
        if (emulator == null) {
            out.println("    (this toyisa has no emulator for " + entry.interpreter() + ")");
        } else {
            shell("toyisa binfmt --enable " + entry.name());
            shell("toyisa exec --machine armistice " + name + ".intellio.txf");
            PrintWriter err = spec.commandLine().getErr();
            int status = emulator.demo(txf, armistice, out, err);
            out.println("    (exit status " + status + ")");
        }

        act(8, "The other way round: the Armistice binary on an Intellio machine (qemu-aarch64's case)");
        byte[] armisticeTxf = a.toTxf();
        say("    " + name + ".armistice.txf starts " + Hex.bytes(java.util.Arrays.copyOf(armisticeTxf, 8))
                + " (\\x7fTXF, version 1, big-endian, executable, machine A7: Armistice)");
        BinfmtEntry back = registry.entry(BinfmtRegistry.ARMISTICE_ENTRY).orElseThrow();
        shell("toyisa binfmt --display " + back.name());
        for (String line : back.display().split("\n")) out.println("    " + line);
        Interpreters.Interpreter reverse = Interpreters.find(back.interpreter());
        if (reverse == null) {
            out.println("    (this toyisa has no emulator for " + back.interpreter() + ")");
        } else {
            shell("toyisa exec --machine intellio " + name + ".armistice.txf");
            out.println("    Sixteen registers on eight: the guest's live in the host's own memory (fills, spills);");
            out.println("    big-endian aligned words on a little-endian host (byte swaps, an alignment test); the");
            out.println("    port becomes a HAL call; the flags come from host compares only.");
            int status = reverse.demo(armisticeTxf, intellio, out, spec.commandLine().getErr());
            out.println("    (exit status " + status + ")");
        }
        out = only == 0 ? shown : hidden;
        out.println();
        out.println("Machine code belongs to one CPU: the same source, different bytes; the same bytes,");
        out.println("different instructions. Only a translator makes one CPU's binary run on the other.");
        shown.flush();
        return 0;
    }

    private void run(Isa isa, byte[] code, boolean trace) {
        Machine m = Machine.create(isa);
        m.loadRaw(code);
        m.setBudget(10_000);
        m.setInput(new byte[0]);
        RunResult r = trace
                ? m.runStepping(null, s -> out.println("    " + s.traceLine()))
                : m.run();
        printEnding(out, r, this::bad);
        out.println("    (exit status " + r.exitStatus() + ")");
    }

    /** What a run printed, then its crash or hang report, indented as the demo shows commands' output. */
    static void printEnding(PrintWriter out, RunResult r, java.util.function.UnaryOperator<String> reportStyle) {
        for (String line : r.output().split("\n")) if (!line.isEmpty()) out.println("    " + line);
        for (String line : r.report().split("\n")) {
            if (line.isEmpty()) continue;
            for (String part : fold("    " + line, WIDTH)) out.println(reportStyle.apply(part));
        }
    }

    /**
     * A line cut at spaces into lines of at most {@code width} columns, each continuation indented
     * under the text after the label ({@code "  registers:   "}).
     */
    static List<String> fold(String line, int width) {
        if (line.length() <= width) return List.of(line);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*\\S+:\\s+)").matcher(line);
        int indent = m.find() ? m.end() : line.length() - line.stripLeading().length();
        String pad = " ".repeat(Math.min(indent, width / 2));
        List<String> out = new java.util.ArrayList<>();
        String rest = line;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= pad.length()) break;
            out.add(rest.substring(0, cut));
            rest = pad + rest.substring(cut + 1).stripLeading();
        }
        out.add(rest);
        return out;
    }

    /** A line of the story, folded to {@link #WIDTH} columns. */
    private void say(String line) {
        for (String part : fold(line, WIDTH)) out.println(part);
    }

    private void title(String s) {
        out.println(paint ? "\u001b[1m" + s + "\u001b[0m" : s);
    }

    private void act(int n, String s) {
        out = only == 0 || only == n ? shown : hidden;
        if (pause && only == 0 && n > 1) waitForEnter(n);
        out.println();
        title(n + ". " + s);
    }

    /** --pause: the next act when the lecturer presses Enter (end of input: no more waiting). */
    private void waitForEnter(int n) {
        shown.print("  (Enter: act " + n + ")");
        shown.flush();
        try {
            if (keyboard == null) keyboard = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
            if (keyboard.readLine() == null) pause = false;
        } catch (java.io.IOException e) {
            pause = false;
        }
    }

    private void shell(String command) {
        out.println("  $ " + command);
    }

    private String bad(String s) {
        return paint ? "\u001b[31m" + s + "\u001b[0m" : s;
    }
}
