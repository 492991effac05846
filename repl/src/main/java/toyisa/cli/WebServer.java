package toyisa.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves the static page of the {@code web} module from the class path (inside the jar): read-only,
 * GET and HEAD, nothing computed on the server. The page needs nothing more: all of toyisa runs in
 * the browser.
 *
 * <p>It is served to a lecture room, so no one client can stop it for the others: requests are
 * handled by a pool of threads, a request's head must arrive whole within {@link #HEAD_TIMEOUT_MS}
 * (a connection that sends half a request and waits is closed), at most {@link #MAX_CONNECTIONS}
 * are open at once (more are answered 503 at once), and one request is served per connection. A
 * request whose {@code Host} is a name other than this server's is refused: a web page elsewhere
 * cannot point a name of its own at this address (DNS rebinding) and read the page through it.
 * The JDK's {@code HttpServer} reads a request's head on one shared thread with no time limit,
 * which is what one half-sent request froze; this is the little of HTTP/1.1 a static page needs.
 */
final class WebServer {
    /** Where the web module puts the built page on the class path. */
    static final String SITE = "toyisa/web/site/";

    /** Requests served at the same time. */
    static final int WORKERS = 16;
    /** Connections open at once: those being served and those waiting for a worker. */
    static final int MAX_CONNECTIONS = 64;
    /** Time for a request's head (request line and headers) to arrive. */
    static final int HEAD_TIMEOUT_MS = 10_000;
    /** A request's head is a few hundred bytes; a browser's is under 8 KiB. */
    static final int MAX_HEAD = 16 * 1024;

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

    private final ServerSocket socket;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    /** Host names (lower case) besides IP literals that this server answers to. */
    private final Set<String> names;
    /** Files served in place of the jar's, by name within the site, made per request (a course re-read when it changed). */
    private final Map<String, Supplier<byte[]>> replaced;
    private final int headTimeoutMs;
    private volatile boolean stopped;

    private WebServer(ServerSocket socket, Set<String> names, Map<String, Supplier<byte[]>> replaced, int headTimeoutMs) {
        this.socket = socket;
        this.headTimeoutMs = headTimeoutMs;
        this.names = Set.copyOf(names);
        this.replaced = Map.copyOf(replaced);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_CONNECTIONS - WORKERS), r -> daemon(r, "toyisa-web-request"));
        this.workers.allowCoreThreadTimeOut(true);
        this.acceptor = daemon(this::acceptLoop, "toyisa-web-accept");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** True when this build carries the page (a build without the web module does not). */
    static boolean available() {
        return available(WebServer.class.getClassLoader());
    }

    /** True when the page is on {@code loader}'s class path. */
    static boolean available(ClassLoader loader) {
        return loader.getResource(SITE + "index.html") != null;
    }

    /** What {@code toyisa web} says on a jar built without the page (a machine without Node). */
    static final String NO_PAGE = "this jar has no web page in it: it was built where Node was not found, and the page is"
            + " bundled with Node. Install Node 18 or newer (with npm) and rebuild (mvn -DskipTests -pl repl -am package;"
            + " -Dweb.page=true if node is not in /usr/bin or /usr/local/bin), or use a toyisa.jar built with it"
            + " (CI's). Everything else in toyisa works without it.";

    /** Starts serving on {@code host:port} (port 0: any free port), with some files replaced. */
    static WebServer start(String host, int port, Map<String, Supplier<byte[]>> replaced) throws IOException {
        return start(host, port, replaced, HEAD_TIMEOUT_MS);
    }

    /** As {@link #start(String, int, Map)}, with the time a request's head may take (tests shorten it). */
    static WebServer start(String host, int port, Map<String, Supplier<byte[]>> replaced, int headTimeoutMs) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port), 50);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        WebServer w = new WebServer(s, hostNames(host), replaced, headTimeoutMs);
        w.acceptor.start();
        return w;
    }

    /** The names a browser may use for this server: localhost, the name it was started with, this machine's names. */
    static Set<String> hostNames(String host) {
        Set<String> names = new HashSet<>();
        names.add("localhost");
        names.add(host.toLowerCase(Locale.ROOT));
        try {
            String me = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            names.add(me);
            if (!me.contains(".")) names.add(me + ".local"); // the name mDNS gives it on a room's network
        } catch (IOException e) {
            // no name of its own: addresses and localhost still work
        }
        return names;
    }

    int port() {
        return socket.getLocalPort();
    }

    void stop() {
        stopped = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket c;
            try {
                c = socket.accept();
            } catch (IOException e) {
                if (stopped || socket.isClosed()) return;
                pause(); // out of file descriptors, say: wait rather than spin
                continue;
            }
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                busy(c);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Too many connections: say so without reading the request, and close. */
    private static void busy(Socket c) {
        try (c) {
            c.setSoTimeout(1000);
            byte[] body = "toyisa web: too many connections at once; try again in a moment\n".getBytes(StandardCharsets.UTF_8);
            c.getOutputStream().write(response(503, "Service Unavailable", "text/plain; charset=utf-8", body, false, Map.of("Retry-After", "2")));
        } catch (IOException e) {
            // the client went away
        }
    }

    private void serve(Socket c) {
        try (c) {
            c.setTcpNoDelay(true);
            Request r;
            try {
                r = Request.read(c, headTimeoutMs, MAX_HEAD);
            } catch (SocketTimeoutException e) {
                send(c, 408, "Request Timeout", "the request did not arrive in time\n", false, Map.of());
                return;
            } catch (BadRequest e) {
                send(c, e.status, e.reason, e.getMessage() + "\n", false, Map.of());
                return;
            }
            if (r == null) return; // closed before a request
            boolean head = r.method.equals("HEAD");
            if (!r.method.equals("GET") && !head) {
                send(c, 405, "Method Not Allowed", "only GET and HEAD: this server serves a static page\n", false, Map.of("Allow", "GET, HEAD"));
                return;
            }
            if (!hostAllowed(r.host)) {
                send(c, 403, "Forbidden", "this server answers to its own address only (an IP address, localhost or this machine's name)\n", head, Map.of());
                return;
            }
            URI uri;
            try {
                uri = new URI(r.target);
            } catch (URISyntaxException e) {
                send(c, 400, "Bad Request", "not a request path\n", head, Map.of());
                return;
            }
            String name = resourceName(uri);
            Supplier<byte[]> made = name == null ? null : replaced.get(name.substring(SITE.length()));
            byte[] body = made == null ? null : made.get();
            if (name != null && body == null) body = read(name);
            if (body == null) {
                send(c, 404, "Not Found", "not found: " + uri.getPath() + "\n", head, Map.of());
                return;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            c.getOutputStream().write(response(200, "OK", TYPES.getOrDefault(ext, "application/octet-stream"), body, head, Map.of()));
        } catch (IOException e) {
            // the client went away mid-answer: nothing to tell anyone
        }
    }

    /** A Host header's name is an IP address or one of this server's names; a request without one is HTTP/1.0's and allowed. */
    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null) return true;
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) return h.indexOf(']') > 0; // an IPv6 literal
        int colon = h.lastIndexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || names.contains(h);
    }

    /** A malformed or oversized request, with the status that says so. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String reason;

        BadRequest(int status, String reason, String message) {
            super(message);
            this.status = status;
            this.reason = reason;
        }
    }

    /** The head of one request: its method, target and Host header. */
    record Request(String method, String target, String host) {
        /** Reads a head within {@code timeoutMs} in all; null when the connection closes before sending anything. */
        static Request read(Socket c, int timeoutMs, int maxHead) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            InputStream in = c.getInputStream();
            byte[] head = new byte[maxHead];
            int size = 0;
            int end;
            while ((end = endOfHead(head, size, Math.max(0, size - 2048 - 2))) < 0) {
                if (size == head.length) throw new BadRequest(431, "Request Header Fields Too Large", "the request's head is over " + maxHead + " bytes");
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) throw new SocketTimeoutException("the request's head took too long");
                c.setSoTimeout((int) Math.max(1, left));
                int n = in.read(head, size, Math.min(2048, head.length - size));
                if (n < 0) {
                    if (size == 0) return null;
                    throw new BadRequest(400, "Bad Request", "the request ended before its head did");
                }
                size += n;
            }
            String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].substring(0, lines[i].length() - 1);
            String[] first = lines[0].split(" ");
            if (first.length != 3 || !first[2].startsWith("HTTP/1.") || first[0].isEmpty() || first[1].isEmpty())
                throw new BadRequest(400, "Bad Request", "not an HTTP/1 request line");
            String host = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase("host")) {
                    if (host != null) throw new BadRequest(400, "Bad Request", "more than one Host header");
                    host = lines[i].substring(colon + 1).strip();
                }
            }
            if (host == null && first[2].equals("HTTP/1.1")) throw new BadRequest(400, "Bad Request", "an HTTP/1.1 request needs a Host header");
            return new Request(first[0], first[1], host);
        }

        /** Where the head ends (the blank line), or -1 while it has not arrived. */
        private static int endOfHead(byte[] b, int size, int from) {
            for (int i = from; i + 1 < size; i++) {
                if (b[i] == '\n' && b[i + 1] == '\n') return i;
                if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < size && b[i + 2] == '\n') return i;
            }
            return -1;
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

    private static void send(Socket c, int status, String reason, String text, boolean head, Map<String, String> extra) throws IOException {
        c.getOutputStream().write(response(status, reason, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), head, extra));
    }

    /** A whole response: status line, headers and (unless HEAD) the body; the connection closes after it. */
    static byte[] response(int status, String reason, String type, byte[] body, boolean head, Map<String, String> extra) {
        StringBuilder h = new StringBuilder();
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        h.append("Content-Type: ").append(type).append("\r\n");
        h.append("Content-Length: ").append(body.length).append("\r\n");
        h.append("Cache-Control: no-cache\r\n");
        h.append("X-Content-Type-Options: nosniff\r\n");
        for (Map.Entry<String, String> e : extra.entrySet()) h.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        h.append("Connection: close\r\n\r\n");
        byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head) return hb;
        byte[] all = new byte[hb.length + body.length];
        System.arraycopy(hb, 0, all, 0, hb.length);
        System.arraycopy(body, 0, all, hb.length, body.length);
        return all;
    }
}
