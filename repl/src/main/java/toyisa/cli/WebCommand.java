package toyisa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toyisa.exercises.Course;
import toyisa.exercises.CourseCatalog;
import toyisa.exercises.LiveCatalog;
import toyisa.isa.Printable;
import toyisa.container.HostWrites;

/**
 * {@code toyisa web}: serves the browser version of toyisa from this jar, for a lecture room
 * without a network. The page is static — assembler, interpreters and translator run in the
 * browser — so this is only a file server; the built folder works from any other one too.
 */
@Command(name = "web",
        mixinStandardHelpOptions = true,
        description = {
            "Serve toyisa in the browser: the editor, both builds side by side, stepping",
            "forwards and backwards, the misdecode drawn, the translation view and the tour.",
            "Everything runs in the page; this only serves its files, from the jar, until",
            "Ctrl-C. Opens the page in the default browser unless --no-open.",
            "",
            "The Exercises tab holds a course: the built-in example, or the course folder of",
            "--course DIR (default $TOYISA_COURSE). Only what students may see goes into the",
            "page: statements, starters and visible tests; never a hidden test or a solution.",
            "The course folder is read again whenever its files change: students see an edit",
            "when they reload the page.",
            "--export DIR writes the page to a folder instead (a static host, a USB stick).",
            "",
            "Exit status: 0 after Ctrl-C, 2 usage error (a port in use, say)."
        })
public final class WebCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8642;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 serves the room's network)")
    String host = "127.0.0.1";

    @Option(names = "--no-open", description = "do not open a browser")
    boolean noOpen;

    @Option(names = "--course", paramLabel = "DIR",
            description = "the course of the Exercises tab (default: $TOYISA_COURSE, else the built-in example course)")
    Path course;

    @Option(names = "--export", paramLabel = "DIR",
            description = "write the page (with the course) to DIR, a new or empty folder, and exit; no server")
    Path export;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the page is looked for: this jar (tests give a class path without it). */
    ClassLoader pageLoader = WebCommand.class.getClassLoader();

    /** Counted down to stop the server (tests); Ctrl-C ends the JVM instead. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** The server once it runs (tests read its port). */
    volatile WebServer server;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (port < 0 || port > 65535) throw InputFile.usage(cl, "--port must be between 0 and 65535");
        if (!WebServer.available(pageLoader)) throw InputFile.usage(cl, WebServer.NO_PAGE);
        Map<String, Supplier<byte[]>> replaced = new HashMap<>();
        String env = System.getenv(Course.ENV);
        if (course != null || env != null && !env.isBlank()) {
            Course c = ExerciseCommand.course(cl, course, false);
            out.println("toyisa web: the course " + Printable.name(c.shownAs()) + ": " + counts(c));
            if (export == null) out.println("  (read again whenever its files change: students see an edit when they reload the page)");
            if (export != null) {
                byte[] script = CourseCatalog.script(c).getBytes(StandardCharsets.UTF_8);
                replaced.put(WebServer.COURSE, () -> script);
            } else {
                LiveCatalog live = new LiveCatalog(c.root(), changed -> {
                    out.println("toyisa web: the course changed, re-read: " + counts(changed));
                    out.flush();
                });
                replaced.put(WebServer.COURSE, live::script);
            }
        }
        if (export != null) return export(cl, replaced);
        try {
            server = WebServer.start(host, port, replaced);
        } catch (BindException e) {
            throw InputFile.usage(cl, "cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); pick another port with --port");
        } catch (IOException e) {
            throw InputFile.usage(cl, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        String shownHost = host.equals("0.0.0.0") ? "localhost" : host;
        String url = "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + server.port() + "/";
        out.println("toyisa web: serving the page at " + url + " (Ctrl-C to stop)");
        if (host.equals("0.0.0.0")) out.println("  from other machines: http://<this machine's address>:" + server.port() + "/");
        out.flush();
        if (!noOpen && !open(url)) out.println("  (no browser to open here: open " + url + " yourself)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        try {
            stop.await();
        } finally {
            server.stop();
        }
        return 0;
    }

    private static String counts(Course c) {
        long broken = c.entries().stream().filter(Course.Entry::broken).count();
        return (c.entries().size() - broken) + " exercises" + (broken == 0 ? "" : " (" + broken + " broken, left out: see toyisa exercise validate)");
    }

    /** Writes the page's files into a new or empty folder. */
    private int export(CommandLine cl, Map<String, Supplier<byte[]>> replaced) {
        Path dir = export.toAbsolutePath().normalize();
        String shown = Printable.name(export.toString());
        try {
            if (HostWrites.isLink(dir)) throw InputFile.usage(cl, HostWrites.linked(Path.of(shown)).getMessage());
            if (Files.exists(dir) && !Files.isDirectory(dir))
                throw InputFile.usage(cl, shown + " is not a folder");
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) throw InputFile.usage(cl, shown + " is not empty: export into a new or empty folder");
                }
            }
            HostWrites.directory(dir);
            List<String> files = WebServer.files();
            for (String f : files) {
                byte[] body = replaced.containsKey(f) ? replaced.get(f).get() : WebServer.read(WebServer.SITE + f);
                if (body == null) throw new IOException(f + " is missing from this build");
                HostWrites.write(dir.resolve(f), body);
            }
            cl.getOut().println("toyisa web: wrote the page to " + shown + " (" + files.size() + " files): open "
                    + Printable.name(dir.resolve("index.html").toString()) + " in a browser, or put the folder on any static host");
            cl.getOut().flush();
            return 0;
        } catch (IOException e) {
            throw InputFile.usage(cl, "cannot write the page to " + shown + ": " + e.getMessage());
        }
    }

    /** Opens the page in the desktop's browser; false when there is none. */
    private static boolean open(String url) {
        try {
            if (java.awt.GraphicsEnvironment.isHeadless()) return openWithCommand(url);
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(URI.create(url));
                return true;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // fall through to the platform's command
        }
        return openWithCommand(url);
    }

    private static boolean openWithCommand(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String[] cmd = os.contains("mac") ? new String[] {"open", url}
                : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url}
                : new String[] {"xdg-open", url};
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // xdg-open and friends hand the URL over and return; one that lingers has opened it too.
            return !p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
