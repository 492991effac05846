package toyisa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code toyisa} command. Each subcommand is its own class; this one only lists them and turns
 * every unexpected failure into a one-line message (a user never sees a stack trace).
 */
@Command(name = "toyisa",
        mixinStandardHelpOptions = true,
        version = "toyisa 0.1",
        description = {
            "Two invented CPUs, one portable assembly: machine code belongs to one CPU.",
            "Armistice (fixed 4-byte, big-endian) and Intellio (variable-length, little-endian)."
        })
public final class Toyisa implements Runnable {
    /** The subcommands, in the order the help lists them. */
    private static final Class<?>[] SUBCOMMANDS = {
        CommandLine.HelpCommand.class,
        AsmCommand.class,
        RunCommand.class,
        ExecCommand.class,
        DisasmCommand.class,
        BinfmtCommand.class,
        ReadTxfCommand.class,
        CompareCommand.class,
        EmulateCommand.class,
        DemoCommand.class,
        WebCommand.class,
        ExerciseCommand.class,
        ReplCommand.class,
        LspCommand.class,
        DapCommand.class,
    };

    /** Exit status for a usage error or an unreadable input file. */
    public static final int USAGE = 2;
    /** Exit status when standard output cannot be written (closed, a broken pipe, a full disk): sysexits' EX_IOERR. */
    public static final int OUTPUT_FAILED = 74;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Standard output as a plain stream: a write to a closed pipe or a full disk fails (System.out
        // would swallow it), toyisa's text is UTF-8 whatever the locale, and guest bytes go out raw.
        java.io.OutputStream stdout = new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        GuestOutput.useRawStream(stdout);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int status = execute(args, out, err);
        out.flush();
        System.exit(status == 0 && out.checkError() ? OUTPUT_FAILED : status);
    }

    /** The subcommand called {@code name}, or null; help is everyone's business, so not it. */
    private static Class<?> subcommand(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c != CommandLine.HelpCommand.class && commandName(c).equals(name)) return c;
        }
        return null;
    }

    /**
     * A subcommand's name, read from its class's name ({@code ReadTxfCommand} is {@code readtxf}), which
     * a test holds to the name its annotation gives: reading the annotations of every subcommand to
     * find one took longer than the rest of picocli's work for that one.
     */
    static String commandName(Class<?> command) {
        String s = command.getSimpleName();
        return s.substring(0, s.length() - "Command".length()).toLowerCase(java.util.Locale.ROOT);
    }

    /** The subcommands but help, in the order the help lists them. */
    static List<Class<?>> subcommands() {
        List<Class<?>> out = new ArrayList<>(List.of(SUBCOMMANDS));
        out.remove(CommandLine.HelpCommand.class);
        return out;
    }

    /** Runs the command line with the given streams and returns the exit status (tests call this). */
    public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        CommandLine cl = new CommandLine(new Toyisa());
        // picocli reads every command's options by reflection when it is added, which was most of the
        // start-up: when the first argument names a subcommand, only that one is added. Anything else
        // (no arguments, help, an option, a misspelt name) gets them all, as before.
        Class<?> named = args.length > 0 ? subcommand(args[0]) : null;
        for (Class<?> c : SUBCOMMANDS) if (named == null || c == named) cl.addSubcommand(c);
        // Errors and reports, and the output of the commands that print outside text but never a
        // guest's output, pass the terminal filter; the others escape what they print themselves.
        PrintWriter err = TerminalText.wrap(rawErr);
        PrintWriter out = TerminalText.wrap(rawOut);
        cl.setOut(rawOut);
        cl.setErr(err);
        for (String name : FILTERED_OUTPUT) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub == null) continue; // not added: another command was named
            sub.setOut(out);
            // their help, too, passes the filter: in plain text, which it would escape otherwise
            sub.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        try {
            return execute(cl, args, rawOut, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Commands whose standard output is toyisa's words and outside text only (no guest output, no colours). */
    private static final String[] FILTERED_OUTPUT = {"asm", "disasm", "binfmt", "readtxf", "web", "exercise"};

    /** {@code toyisa --help}'s list of commands: each with the first clause of its description, whole. */
    static String commandList(CommandLine cl) {
        int width = 0;
        for (String name : cl.getSubcommands().keySet()) width = Math.max(width, name.length());
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            var usage = e.getValue().getCommandSpec().usageMessage();
            String[] description = usage.header().length > 0 ? usage.header() : usage.description();
            String indent = " ".repeat(width + 4);
            String first = String.format(java.util.Locale.ROOT, "  %-" + width + "s  ", e.getKey());
            List<String> lines = wrap(summary(description), 80 - indent.length());
            for (int i = 0; i < lines.size(); i++) sb.append(i == 0 ? first : indent).append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The first clause of a description: up to the first '.', ':' or ';' outside parentheses that
     * ends one of at least 30 characters (so "The misdecode view:" goes on to say what it is).
     */
    static String summary(String[] description) {
        StringBuilder text = new StringBuilder();
        for (String line : description) {
            if (line.isBlank()) break;
            if (text.length() > 0) text.append(' ');
            text.append(line.strip());
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth = Math.max(0, depth - 1);
            else if (depth == 0 && (c == '.' || c == ':' || c == ';') && i >= 30
                    && (i + 1 == text.length() || text.charAt(i + 1) == ' '))
                return text.substring(0, c == '.' ? i + 1 : i);
        }
        return text.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }

    private static int execute(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commandList(cl));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --color=never, as every other tool spells it
        cl.setParameterExceptionHandler((ex, args2) -> {
            // A usage error: the reason and where to look, not the whole usage text.
            CommandLine sub = ex.getCommandLine();
            String message = ex.getCause() instanceof EngineOption.Unknown unknown ? unknown.getMessage() : ex.getMessage();
            err.println(sub.getCommandSpec().qualifiedName() + ": " + message);
            err.println("Try '" + sub.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A bug in toyisa, not in the user's input: one line, and the status of a usage error.
            err.println("toyisa: internal error: " + ex);
            return USAGE;
        });
        int status;
        try {
            status = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("toyisa: out of memory (" + e.getMessage() + "): the input is too large for this Java heap");
            err.flush();
            return USAGE;
        } catch (StackOverflowError e) {
            err.println("toyisa: internal error: the input is nested too deeply (stack overflow)");
            err.flush();
            return USAGE;
        }
        if (out.checkError() || GuestOutput.failed()) {
            // Output that cannot be delivered is a failure, not a success with nothing printed.
            err.println("toyisa: cannot write standard output (it is closed, a broken pipe, or full)");
            err.flush();
            return OUTPUT_FAILED;
        }
        return status;
    }
}
