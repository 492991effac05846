package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The room's server over real sockets on 127.0.0.1: what one client does never stops the others. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebServerTest {
    private WebServer server;
    private final List<Socket> open = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        assumeTrue(WebServer.available(), "this build has no page");
        server = WebServer.start("127.0.0.1", 0, Map.of(), 1500);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) s.close();
        if (server != null) server.stop();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000); // a test that would hang fails instead
        open.add(s);
        return s;
    }

    /** Sends {@code request} and reads the whole answer (the server closes after one). */
    private String exchange(String request) throws IOException {
        Socket s = connect();
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private String get(String path, String host) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    private static String statusLine(String response) {
        int eol = response.indexOf("\r\n");
        return eol < 0 ? response : response.substring(0, eol);
    }

    @Test
    void aHalfSentRequestDoesNotBlockAnotherRequest() throws IOException {
        Socket half = connect();
        half.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        half.getOutputStream().flush();
        String page = get("/", "127.0.0.1:" + server.port());
        assertEquals("HTTP/1.1 200 OK", statusLine(page));
        assertTrue(page.contains("<title>toyisa"), page);
    }

    @Test
    void aHalfSentRequestIsClosedByTheServerOnItsOwn() throws IOException {
        Socket half = connect();
        half.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.ISO_8859_1));
        String answer = new String(half.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertEquals("HTTP/1.1 408 Request Timeout", statusLine(answer));
    }

    @Test
    void aRequestTrickledAByteAtATimeIsCutOffAtTheHeadsDeadline() throws IOException {
        Socket slow = connect();
        byte[] forever = "GET / HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
        InputStream in = slow.getInputStream();
        int sent = 0;
        try {
            // each byte arrives well within any per-read timeout; the head's whole deadline still ends it
            for (; sent < 10_000; sent++) {
                slow.getOutputStream().write(sent < forever.length ? forever[sent] : 'a');
                if (in.available() > 0) break;
                sleep(5);
            }
        } catch (IOException closed) {
            // the server closed it: that is the point
        }
        assertTrue(sent < 10_000, "the server kept reading a request that never ends");
    }

    @Test
    void connectionsBeyondTheBoundAreAnsweredBusyAtOnce() throws IOException {
        for (int i = 0; i < WebServer.MAX_CONNECTIONS; i++) connect().getOutputStream().write('G');
        sleep(200); // let the server take them all
        String busy = exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(busy));
        assertTrue(busy.contains("too many connections"), busy);
    }

    @Test
    void aHostHeaderThatIsNotThisServersAddressIsRefused() throws IOException {
        int port = server.port();
        for (String foreign : new String[] {"attacker.example:" + port, "attacker.example", "127.0.0.1.attacker.example", "localhost.evil:" + port}) {
            String r = get("/", foreign);
            assertEquals("HTTP/1.1 403 Forbidden", statusLine(r), foreign);
            assertFalse(r.contains("<title>toyisa"), foreign);
        }
        for (String own : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "10.0.0.7:" + port})
            assertEquals("HTTP/1.1 200 OK", statusLine(get("/", own)), own);
    }

    @Test
    void malformedRequestsGetAStatusNotASilence() throws IOException {
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(exchange("GET /\r\n\r\n")));
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(exchange("GET / HTTP/1.1\r\n\r\n")), "HTTP/1.1 without a Host");
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(get("/a%zz", "localhost")));
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large",
                statusLine(exchange("GET / HTTP/1.1\r\nHost: localhost\r\nX: " + "a".repeat(WebServer.MAX_HEAD) + "\r\n\r\n")));
        assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(exchange("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n")));
        String head = exchange("HEAD /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK", statusLine(head));
        assertTrue(head.endsWith("\r\n\r\n"), "HEAD has no body");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
