package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code toyisa web}: the page served from the jar, read-only, and clear words when it cannot be. */
class WebCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(int port, String path, String method) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesThePageFromTheClassPathUntilStopped() throws Exception {
        WebCommand web = new WebCommand();
        CommandLine cl = new CommandLine(web);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--no-open"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (!out.toString().endsWith("\n") && System.currentTimeMillis() < deadline && !status.isDone()) Thread.sleep(10);
        assertTrue(web.server != null, "the server did not start: " + err);
        int port = web.server.port();
        try {
            assertEquals("toyisa web: serving the page at http://127.0.0.1:" + port + "/ (Ctrl-C to stop)\n", out.toString());
            HttpResponse<byte[]> index = get(port, "/", "GET");
            assertEquals(200, index.statusCode());
            assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
            String html = new String(index.body(), StandardCharsets.UTF_8);
            assertTrue(html.contains("<title>toyisa"), html);
            assertTrue(html.contains("<script src=\"app.js\"></script>"), html);
            HttpResponse<byte[]> app = get(port, "/app.js", "GET");
            assertEquals(200, app.statusCode());
            assertEquals("text/javascript; charset=utf-8", app.headers().firstValue("Content-Type").orElse(""));
            assertTrue(app.body().length > 100_000, "the bundle with the compiled core: " + app.body().length + " bytes");
            assertEquals(200, get(port, "/style.css", "HEAD").statusCode());
            assertEquals(404, get(port, "/nothing.html", "GET").statusCode());
            assertEquals(404, get(port, "/%2e%2e/toyisa/cli/Toyisa.class", "GET").statusCode());
            assertEquals(404, get(port, "/../toyisa/cli/Toyisa.class", "GET").statusCode());
            assertEquals(405, get(port, "/", "POST").statusCode());
        } finally {
            web.stop.countDown();
        }
        assertEquals(0, status.get());
    }

    @Test
    void requestPathsNeverLeaveTheSite() {
        assertEquals("toyisa/web/site/index.html", WebServer.resourceName(URI.create("/")));
        assertEquals("toyisa/web/site/bench.html", WebServer.resourceName(URI.create("/bench.html")));
        assertNull(WebServer.resourceName(URI.create("/a/../../x")));
        assertNull(WebServer.resourceName(URI.create("/a//b")));
        assertNull(WebServer.resourceName(URI.create("/.")));
    }

    @Test
    void aPortInUseIsAUsageErrorThatSaysWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int status = Toyisa.execute(new String[] {"web", "--no-open", "--port", Integer.toString(taken.getLocalPort())},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(Toyisa.USAGE, status);
            assertTrue(err.toString().startsWith("toyisa web: cannot listen on 127.0.0.1:" + taken.getLocalPort()), err.toString());
            assertTrue(err.toString().contains("pick another port with --port"), err.toString());
        }
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertEquals(Toyisa.USAGE, Toyisa.execute(new String[] {"web", "--port", "70000"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("--port must be between 0 and 65535"), err.toString());
    }
}
