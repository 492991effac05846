package toyisa.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Hex;
import toyisa.isa.Isa;
import toyisa.vm.BinfmtEntry;
import toyisa.vm.BinfmtRegistry;
import toyisa.vm.Comparison;
import toyisa.vm.Exec;
import toyisa.vm.Machine;
import toyisa.vm.Program;
import toyisa.vm.RunResult;

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
            "emulator that runs the foreign binary by translating it."
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private boolean paint;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        paint = colour.enabled();
        Isa armistice = Isa.byName("armistice");
        Isa intellio = Isa.byName("intellio");

        title("toyisa demo: machine code belongs to one CPU");
        out.println("Two invented CPUs: Armistice (fixed 4-byte instructions, big-endian constants)");
        out.println("and Intellio (1 to 4 bytes, little-endian constants). One program for both.");

        act(1, "One portable source: Print(42)");
        for (String line : PRINT_42.strip().split("\n")) out.println("    " + line);

        act(2, "Two builds of the same source (toyisa asm --target armistice | intellio)");
        Assembly a = Assembler.assemble("print42.pasm", PRINT_42, armistice);
        Assembly i = Assembler.assemble("print42.pasm", PRINT_42, intellio);
        if (!a.ok() || !i.ok()) {
            spec.commandLine().getErr().print(a.formatDiagnostics() + i.formatDiagnostics());
            return 1;
        }
        for (Assembly asm : List.of(a, i)) {
            out.printf(java.util.Locale.ROOT, "    %-9s %2d bytes: %s%n", asm.target().name(), asm.binary().length, Hex.bytes(asm.binary()));
        }
        out.println("    Armistice: mov a, 10h is 36 01 00 10 (opcode, register, big-endian constant).");
        out.println("    Intellio:  mov a, 10h is 20 10 (an opcode per register, one constant byte).");

        act(3, "Each binary on its own CPU");
        shell("toyisa run --cpu armistice print42.armistice.bin");
        run(armistice, a.binary(), false);
        shell("toyisa run --cpu intellio print42.intellio.bin");
        run(intellio, i.binary(), false);

        act(4, "Each binary on the wrong CPU: misdecoded, instruction by instruction");
        shell("toyisa run --trace --cpu armistice print42.intellio.bin");
        run(armistice, i.binary(), true);
        out.println("    Opcode 20h is Armistice's and.imm.reg: it ate 10 22 as its constant and 2A (the 42)");
        out.println("    as its register byte (r10); the next fetch, CD 13 F4 00, is garbage.");
        shell("toyisa run --trace --cpu intellio print42.armistice.bin");
        run(intellio, a.binary(), true);
        out.println("    Seven wrong instructions (2A 0C 13 ate half of the int 13h), then 0F 00: illegal.");

        act(5, "The same bytes on both CPUs, side by side (toyisa compare print42.intellio.bin)");
        for (String line : Comparison.of(Program.raw(i.binary()), Comparison.DEFAULT_BUDGET).render(paint).split("\n"))
            out.println("    " + line);

        act(6, "A header names the machine, so the loader can refuse a foreign file");
        byte[] txf = i.toTxf();
        out.println("    print42.intellio.txf starts " + Hex.bytes(java.util.Arrays.copyOf(txf, 8))
                + " (\\x7fTXF, version 1, little-endian, executable, machine 1E: Intellio)");
        BinfmtRegistry registry = BinfmtRegistry.defaults();
        BinfmtEntry entry = registry.entry(BinfmtRegistry.INTELLIO_ENTRY).orElseThrow();
        try {
            registry.setEnabled(entry.name(), false);
        } catch (toyisa.vm.ConfigException e) {
            throw new IllegalStateException(e);
        }
        shell("toyisa binfmt --disable " + entry.name() + "      # no emulator for Intellio binaries");
        shell("toyisa exec --machine armistice print42.intellio.txf");
        Exec.Plan refused = Exec.decide(txf, "print42.intellio.txf", armistice, registry);
        out.println("    toyisa exec: " + refused.message());
        out.println("    (exit status " + Exec.REFUSED_STATUS + ": nothing ran)");
        shell("toyisa binfmt --display " + entry.name());
        for (String line : entry.withEnabled(false).display().split("\n")) out.println("    " + line);

        act(7, "The emulator runs it anyway, by translating it to Armistice instructions");
        Interpreters.Interpreter emulator = Interpreters.find(entry.interpreter());
        if (emulator == null) {
            out.println("    (this toyisa has no emulator for " + entry.interpreter() + ")");
        } else {
            shell("toyisa binfmt --enable " + entry.name());
            shell("toyisa exec --machine armistice print42.intellio.txf");
            PrintWriter err = spec.commandLine().getErr();
            int status = emulator.demo(txf, armistice, out, err);
            out.println("    (exit status " + status + ")");
        }
        out.println();
        out.println("Machine code belongs to one CPU: the same source, different bytes; the same bytes,");
        out.println("different instructions. Only a translator makes one CPU's binary run on the other.");
        out.flush();
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
        for (String line : r.report().split("\n")) if (!line.isEmpty()) out.println("    " + reportStyle.apply(line));
    }

    private void title(String s) {
        out.println(paint ? "\u001b[1m" + s + "\u001b[0m" : s);
    }

    private void act(int n, String s) {
        out.println();
        title(n + ". " + s);
    }

    private void shell(String command) {
        out.println("  $ " + command);
    }

    private String bad(String s) {
        return paint ? "\u001b[31m" + s + "\u001b[0m" : s;
    }
}
