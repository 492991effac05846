package toyisa.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves the static page of the {@code web} module from the class path (inside the jar), with the
 * JDK's own HTTP server: read-only, GET and HEAD, nothing computed on the server. The page needs
 * nothing more: all of toyisa runs in the browser.
 */
final class WebServer {
    /** Where the web module puts the built page on the class path. */
    static final String SITE = "toyisa/web/site/";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "json", "application/json");

    /** The page's course: the built-in one is in the jar; {@code --course} puts another in its place. */
    static final String COURSE = "course.js";
    /** The page's files, one a line: written by the web module's build. */
    static final String MANIFEST = "site.txt";

    private final HttpServer server;
    /** Files served in place of the jar's, by name within the site, made per request (a course re-read when it changed). */
    private final Map<String, Supplier<byte[]>> replaced;

    private WebServer(HttpServer server, Map<String, Supplier<byte[]>> replaced) {
        this.server = server;
        this.replaced = Map.copyOf(replaced);
    }

    /** True when this build carries the page (a build without the web module does not). */
    static boolean available() {
        return WebServer.class.getClassLoader().getResource(SITE + "index.html") != null;
    }

    /** Starts serving on {@code host:port} (port 0: any free port), with some files replaced. */
    static WebServer start(String host, int port, Map<String, Supplier<byte[]>> replaced) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 16);
        WebServer w = new WebServer(s, replaced);
        s.createContext("/", w::handle);
        s.start();
        return w;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                send(ex, 405, "text/plain; charset=utf-8", "only GET and HEAD: this server serves a static page\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = resourceName(ex.getRequestURI());
            Supplier<byte[]> made = name == null ? null : replaced.get(name.substring(SITE.length()));
            byte[] body = made == null ? null : made.get();
            if (name != null && body == null) body = read(name);
            if (body == null) {
                send(ex, 404, "text/plain; charset=utf-8", ("not found: " + ex.getRequestURI().getPath() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
        }
    }

    /** The class-path name for a request path, or null for a path that leaves the site. */
    static String resourceName(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) path = "/index.html";
        if (!path.startsWith("/")) return null;
        for (String part : path.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) return null;
        }
        return SITE + path.substring(1);
    }

    /** The page's file names, from the manifest the build wrote. */
    static java.util.List<String> files() throws IOException {
        byte[] m = read(SITE + MANIFEST);
        if (m == null) throw new IOException("the page's manifest " + MANIFEST + " is missing from this build");
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String line : new String(m, StandardCharsets.UTF_8).split("\n")) if (!line.isBlank()) out.add(line.strip());
        return out;
    }

    /** A file of the page as it is in the jar, or null. */
    static byte[] read(String name) throws IOException {
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
