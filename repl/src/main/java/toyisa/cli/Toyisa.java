package toyisa.cli;

import java.io.PrintWriter;
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
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(name)) return c;
        }
        return null;
    }

    /** Runs the command line with the given streams and returns the exit status (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Toyisa());
        // picocli reads every command's options by reflection when it is added, which was most of the
        // start-up: when the first argument names a subcommand, only that one is added. Anything else
        // (no arguments, help, an option, a misspelt name) gets them all, as before.
        Class<?> named = args.length > 0 ? subcommand(args[0]) : null;
        for (Class<?> c : SUBCOMMANDS) if (named == null || c == named) cl.addSubcommand(c);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --color=never, as every other tool spells it
        cl.setParameterExceptionHandler((ex, args2) -> {
            // A usage error: the reason and where to look, not the whole usage text.
            CommandLine sub = ex.getCommandLine();
            err.println(sub.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
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
