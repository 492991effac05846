package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        assumeTrue(WebServer.available(), "this jar was built without the page (no Node)");
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

    /** An instructor's course folder: one visible test, one hidden, a solution. */
    private static Path instructorCourse(Path dir) throws IOException {
        Path x = dir.resolve("course").resolve("echo");
        Files.createDirectories(x);
        Files.writeString(x.resolve("exercise.toml"), "title = \"Echo a number\"\n[[test]]\nname = \"seen\"\ninput = \"7\\n\"\nstdout = \"7\\n\"\n");
        Files.writeString(x.resolve("statement.md"), "Print the number you read.\n");
        Files.writeString(x.resolve("starter.pasm"), "halt\n");
        Files.writeString(x.resolve("hidden.toml"), "[[test]]\nname = \"secret-test\"\ninput = \"31337\\n\"\nstdout = \"31337\\n\"\n");
        Files.writeString(x.resolve("solution.pasm"), "; secret-solution\nmov a, 21h\nint 13h\nmov a, 10h\nint 13h\nhalt\n");
        return dir.resolve("course");
    }

    @Test
    void theExercisesTabHoldsTheCourseOfCourseWithNothingOfTheInstructors(@TempDir Path dir) throws Exception {
        assumeTrue(WebServer.available(), "this jar was built without the page (no Node)");
        Path course = instructorCourse(dir);
        WebCommand web = new WebCommand();
        CommandLine cl = new CommandLine(web);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0", "--no-open", "--course", course.toString()));
        long deadline = System.currentTimeMillis() + 10_000;
        while (web.server == null && System.currentTimeMillis() < deadline && !status.isDone()) Thread.sleep(10);
        assertTrue(web.server != null, "the server did not start: " + err);
        try {
            assertTrue(out.toString().startsWith("toyisa web: the course " + course + ": 1 exercises\n"), out.toString());
            String js = new String(get(web.server.port(), "/course.js", "GET").body(), StandardCharsets.UTF_8);
            assertTrue(js.contains("\"Echo a number\"") && js.contains("\"seen\""), js);
            for (String secret : new String[] {"secret", "31337"}) assertFalse(js.contains(secret), secret + " in " + js);
        } finally {
            web.stop.countDown();
        }
        assertEquals(0, status.get());
    }

    @Test
    void exportWritesThePageWithTheCourseIntoAnEmptyFolder(@TempDir Path dir) throws Exception {
        assumeTrue(WebServer.available(), "this jar was built without the page (no Node)");
        Path course = instructorCourse(dir);
        Path site = dir.resolve("site");
        int status = Toyisa.execute(new String[] {"web", "--course", course.toString(), "--export", site.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("wrote the page to " + site), out.toString());
        for (String f : new String[] {"index.html", "app.js", "style.css", "course.js"}) assertTrue(Files.isRegularFile(site.resolve(f)), f);
        String js = Files.readString(site.resolve("course.js"));
        assertTrue(js.contains("Echo a number") && !js.contains("secret") && !js.contains("31337"), js);
        // Without --course: the built-in course, as the jar has it.
        Path plain = dir.resolve("plain");
        assertEquals(0, Toyisa.execute(new String[] {"web", "--export", plain.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(Files.readString(plain.resolve("course.js")).contains("\"polyglot\""));
        // A folder with something in it is never written into.
        assertEquals(Toyisa.USAGE, Toyisa.execute(new String[] {"web", "--export", site.toString()}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("is not empty: export into a new or empty folder"), err.toString());
    }

    @Test
    void aJarWithoutThePageSaysHowToGetItNotAStackTrace() {
        WebCommand web = new WebCommand();
        web.pageLoader = new java.net.URLClassLoader(new java.net.URL[0], null);
        CommandLine cl = new CommandLine(web);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, args) -> {
            err.write(ex.getMessage());
            return 2;
        });
        assertEquals(2, cl.execute("--no-open", "--port", "0"));
        assertTrue(err.toString().contains("this jar has no web page in it"), err.toString());
        assertTrue(err.toString().contains("Install Node 18 or newer"), err.toString());
        assertNull(web.server, "nothing is served");
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
