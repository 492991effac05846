package toyisa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Counted down to stop the server (tests); Ctrl-C ends the JVM instead. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** The server once it runs (tests read its port). */
    volatile WebServer server;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (port < 0 || port > 65535) throw InputFile.usage(cl, "--port must be between 0 and 65535");
        if (!WebServer.available())
            throw InputFile.usage(cl, "this build has no web page in it (build the whole project: mvn -DskipTests package)");
        try {
            server = WebServer.start(host, port);
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
