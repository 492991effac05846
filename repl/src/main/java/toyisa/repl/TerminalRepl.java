package toyisa.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive REPL: a JLine line reader (editing, history across sessions, tab completion)
 * in front of a {@link Session}. Everything the REPL <em>does</em> is in the session; this class
 * only reads lines, completes words and turns Ctrl-C into {@link Session#interrupt()}.
 */
public final class TerminalRepl {
    private final Terminal terminal;
    private final Path historyFile;

    /**
     * @param terminal    the terminal to talk to (the system terminal, or a test terminal over streams)
     * @param historyFile where history is kept across sessions, or null for none
     */
    public TerminalRepl(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.historyFile = historyFile;
    }

    /** The style a session on this terminal should use: colour unless the terminal is dumb or NO_COLOR is set. */
    public Style style() {
        String type = terminal.getType();
        // NO_COLOR (no-color.org) turns colour off whatever the terminal can do.
        boolean noColour = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        return noColour || type == null || type.startsWith("dumb") ? Style.PLAIN : Style.ANSI;
    }

    /** A writer on the terminal, for the session's output. */
    public PrintWriter writer() {
        return terminal.writer();
    }

    /** Reads and executes commands until {@code quit} or Ctrl-D. */
    public void run(Session session) {
        run(session, false);
    }

    /**
     * Reads and executes commands until {@code quit} or Ctrl-D; with {@code typedInput}, a program
     * that reads standard input gets each line from an {@code input>} prompt (Ctrl-D ends the input).
     */
    public void run(Session session, boolean typedInput) {
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("toyisa")
                .completer(completer(session))
                // '!' is text here (asm lines, file names), not a shell's history event.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 1000);
        if (historyFile != null && toyisa.container.HostWrites.isLink(historyFile)) {
            // JLine rewrites its history file in place: a link there would be written through
            terminal.writer().println("(no history: " + toyisa.isa.Printable.name(historyFile.toString())
                    + " is a symbolic link, and toyisa does not write through a link it did not make)");
        } else if (historyFile != null) {
            try {
                if (historyFile.getParent() != null) Files.createDirectories(historyFile.getParent());
                b.variable(LineReader.HISTORY_FILE, historyFile);
            } catch (IOException | RuntimeException e) {
                terminal.writer().println("(no history: cannot create " + historyFile.getParent() + ")");
            }
        }
        LineReader reader = b.build();
        if (typedInput) {
            session.setTypedInput(() -> {
                try {
                    return reader.readLine("input> ");
                } catch (UserInterruptException | EndOfFileException e) {
                    return null;
                }
            });
        }
        // Between prompts (while a command runs) Ctrl-C interrupts the program, not the REPL. While
        // a line is being read, JLine takes over the signal and raises UserInterruptException instead.
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());
        String repeatable = null;
        try {
            while (!session.quitting()) {
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt drops the line, as in a shell
                } catch (EndOfFileException e) {
                    break;
                } catch (RuntimeException e) {
                    // Whatever the line editor trips over, the REPL goes on.
                    terminal.writer().println("error: " + e.getMessage());
                    continue;
                }
                // As in gdb, Enter on an empty line repeats the last step, next or back.
                if (line.isBlank() && repeatable != null) line = repeatable;
                else if (!line.isBlank()) repeatable = Session.isRepeatable(line) ? line : null;
                session.execute(line);
                terminal.flush();
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException | RuntimeException e) {
                // History is a convenience: losing it must not spoil leaving the REPL.
            }
        }
    }

    /** Tab completion from {@link Session#complete}: commands, registers, labels, CPUs, files. */
    static Completer completer(Session session) {
        return (reader, line, candidates) -> {
            List<String> words = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
            String word = line.word() == null ? "" : line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
            for (String c : session.complete(words, word)) {
                boolean dir = c.endsWith("/");
                candidates.add(new Candidate(c, c, null, null, null, null, !dir));
            }
        };
    }

    /**
     * Where history is kept unless told otherwise: {@code $TOYISA_HISTORY}, else
     * {@code $XDG_CONFIG_HOME/toyisa/repl_history}, else {@code ~/.config/toyisa/repl_history}.
     */
    public static Path defaultHistoryFile() {
        String explicit = System.getenv("TOYISA_HISTORY");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return config.resolve("toyisa").resolve("repl_history");
    }
}
