package toyisa.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a broken or hostile client gets from {@code toyisa lsp}, run as its own process: a protocol
 * error or a clean exit, never a stack trace, and nothing on standard output but framed messages.
 */
class ProtocolAbuseTest {
    private static Process server() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LanguageServerMain.class.getName());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** Standard output cut into its messages; fails on anything that is not a framed JSON message. */
    private static List<JsonObject> messages(byte[] stdout) {
        List<JsonObject> out = new ArrayList<>();
        String s = new String(stdout, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            assertTrue(s.startsWith("Content-Length: ", i), () -> "not a message on stdout: " + s);
            int end = s.indexOf("\r\n\r\n", i);
            int len = Integer.parseInt(s.substring(i + "Content-Length: ".length(), s.indexOf("\r\n", i)).trim());
            byte[] rest = s.substring(end + 4).getBytes(StandardCharsets.UTF_8);
            String body = new String(rest, 0, len, StandardCharsets.UTF_8);
            out.add(JsonParser.parseString(body).getAsJsonObject());
            i = end + 4 + body.length();
        }
        return out;
    }

    private static byte[] talk(Process p, byte[]... input) throws Exception {
        try (OutputStream in = p.getOutputStream()) {
            for (byte[] b : input) {
                in.write(b);
                in.flush();
            }
        } catch (IOException e) {
            // the server closed its input first: what it said is still to be read
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not end when its input closed");
        return out.toByteArray();
    }

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";

    @Test
    void malformedJsonAndUnknownRequestsGetErrorsAndTheSessionGoesOn() throws Exception {
        Process p = server();
        byte[] stdout = talk(p,
                frame(INIT),
                frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"),
                frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"toyisa/noSuchThing\",\"params\":{}}"),
                frame("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///nowhere.pasm\"},\"position\":{\"line\":0,\"character\":0}}}"),
                frame("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}"),
                frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"));
        List<JsonObject> msgs = messages(stdout);
        assertFalse(new String(stdout, StandardCharsets.UTF_8).contains("\tat "), "a stack trace on stdout");
        JsonObject unknown = byId(msgs, 3);
        assertEquals(-32601, unknown.getAsJsonObject("error").get("code").getAsInt()); // method not found
        assertTrue(byId(msgs, 4).has("result")); // the session went on after the garbage
        assertTrue(byId(msgs, 5).has("result"));
        assertEquals(0, p.exitValue());
    }

    private static JsonObject byId(List<JsonObject> msgs, int id) {
        for (JsonObject m : msgs) if (m.has("id") && !m.get("id").isJsonNull() && m.get("id").getAsInt() == id) return m;
        throw new AssertionError("no answer to request " + id + " in " + msgs);
    }

    @Test
    void aMessageTooLargeEndsTheSessionCleanly() throws Exception {
        Process p = server();
        byte[] huge = ("Content-Length: 2000000000\r\n\r\n{\"jsonrpc\":\"2.0\",").getBytes(StandardCharsets.US_ASCII);
        byte[] stdout = talk(p, frame(INIT), huge);
        messages(stdout); // only whole messages: the answer to initialize
        assertEquals(0, p.exitValue());
    }

    @Test
    void aHugeDocumentGetsADiagnosticNotACrash() throws Exception {
        Process p = server();
        String big = "        nop\\n".repeat(450_000); // 5.4 million characters: over the assembler's limit
        byte[] stdout = talk(p, frame(INIT),
                frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/big.pasm\",\"languageId\":\"pasm\",\"version\":1,\"text\":\"" + big + "\"}}}"),
                frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"),
                frame("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"));
        List<JsonObject> msgs = messages(stdout);
        String diags = msgs.stream().filter(m -> m.has("method") && m.get("method").getAsString().equals("textDocument/publishDiagnostics"))
                .findFirst().orElseThrow().toString();
        assertTrue(diags.contains("too large"), diags);
        assertEquals(0, p.exitValue());
    }

    @Test
    void aClientThatVanishesEndsTheServer() throws Exception {
        Process p = server();
        byte[] stdout = talk(p, frame(INIT), "Content-Length: 50\r\n\r\n{\"jsonrpc\"".getBytes(StandardCharsets.US_ASCII));
        messages(stdout);
        assertEquals(0, p.exitValue());
    }
}
