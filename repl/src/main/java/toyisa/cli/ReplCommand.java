package toyisa.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import toyisa.container.Fat;
import toyisa.container.Txf;
import toyisa.isa.Isa;
import toyisa.repl.Session;
import toyisa.repl.Style;
import toyisa.repl.TerminalRepl;

/**
 * {@code toyisa repl}: the step-through debugger. Interactive on a terminal; from a script or a
 * pipe it reads commands line by line and prints a plain transcript (no colour, no prompt).
 */
@Command(name = "repl",
        mixinStandardHelpOptions = true,
        description = {
            "Step through a program instruction by instruction, forwards and backwards, on either CPU.",
            "FILE is a source file (.pasm, .s, .asm: assembled with labels and source lines) or a binary (raw, TXF, fat).",
            "Commands come from the terminal, from --script, or from standard input when it is not a terminal.",
            "Without --input, a program that reads standard input asks for each line at an input> prompt",
            "(from a script: the script's next line).",
            "Type 'help' inside for the commands."
        })
public final class ReplCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cpu", paramLabel = "NAME",
            description = "armistice or intellio (default: the CPU a TXF file names, else armistice)")
    String cpu;

    @Option(names = "--script", paramLabel = "F", description = "read commands from F and print a plain transcript")
    Path script;

    @Option(names = "--history", paramLabel = "FILE",
            description = "history file (default: $TOYISA_HISTORY, else ~/.config/toyisa/repl_history)")
    Path history;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "10000000",
            description = "instructions a program may execute before it counts as hung (default: ${DEFAULT-VALUE})")
    long budget;

    @Option(names = "--input", paramLabel = "FILE",
            description = "what the program reads through HAL services 20h and 21h (default: typed at an input> prompt)")
    Path input;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the program to load")
    String file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Isa isa = chooseCpu(err);
        if (isa == null) return Toyisa.USAGE;
        if (budget < 1) {
            err.println("toyisa repl: --budget must be at least 1");
            return Toyisa.USAGE;
        }
        byte[] in = new byte[0];
        if (input != null) {
            try {
                in = toyisa.container.HostFiles.read(input, InputFile.MAX_BYTES_INT);
            } catch (IOException e) {
                err.println("toyisa repl: the input file: " + e.getMessage());
                return Toyisa.USAGE;
            }
        }
        if (script != null) {
            try (Reader r = new java.io.StringReader(toyisa.container.HostFiles.readText(script, InputFile.MAX_BYTES_INT))) {
                return scripted(isa, in, new CommandLines(r));
            } catch (IOException e) {
                err.println("toyisa repl: cannot read the script " + script + ": " + e.getMessage());
                return Toyisa.USAGE;
            }
        }
        if (!stdinIsTerminal()) {
            try {
                return scripted(isa, in, new CommandLines(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                err.println("toyisa repl: cannot read standard input: " + e.getMessage());
                return Toyisa.USAGE;
            }
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            TerminalRepl repl = new TerminalRepl(terminal, history != null ? history : TerminalRepl.defaultHistoryFile());
            Session session = new Session(isa, repl.writer(), repl.style(), Path.of(""));
            configure(session, in);
            repl.writer().println("toyisa repl on " + isa.name() + ": 'help' lists the commands, Tab completes, Ctrl-D leaves");
            if (file != null) session.loadFile(file);
            repl.run(session, input == null);
            return 0;
        } catch (IOException e) {
            err.println("toyisa repl: cannot open the terminal: " + e.getMessage());
            return Toyisa.USAGE;
        }
    }

    private int scripted(Isa isa, byte[] in, Reader commands) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Session session = new Session(isa, out, Style.PLAIN, Path.of(""));
        configure(session, in);
        if (input == null) session.setTypedInput(null);
        if (file != null) session.loadFile(file);
        session.runScript(commands);
        out.flush();
        return 0;
    }

    private void configure(Session session, byte[] in) {
        session.setBudget(budget);
        session.setInput(in);
    }

    /** --cpu if given; else the machine a TXF file names; else Armistice. */
    private Isa chooseCpu(PrintWriter err) {
        if (cpu != null) {
            Isa isa = Isa.byName(cpu);
            if (isa == null) err.println("toyisa repl: unknown CPU '" + cpu + "' (known: armistice, intellio)");
            return isa;
        }
        if (file != null) {
            try {
                Path p = Path.of(file);
                if (Files.isRegularFile(p) && Files.size(p) >= 8) {
                    byte[] head;
                    try (var s = Files.newInputStream(p)) {
                        head = s.readNBytes(8);
                    }
                    if (Txf.isTxf(head) && !Fat.isFat(head)) {
                        Isa own = Isa.byMachine(Txf.machineOf(head));
                        if (own != null) return own;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The load itself will say what is wrong with the file.
            }
        }
        return Isa.byName("armistice");
    }

    /**
     * True when standard input is a terminal. {@link System#console()} is null when input or output
     * is redirected up to Java 21; from Java 22 it may exist anyway and {@code isTerminal()} tells.
     */
    static boolean stdinIsTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
