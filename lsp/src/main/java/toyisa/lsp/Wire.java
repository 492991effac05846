package toyisa.lsp;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The stdio wire both protocols (LSP and DAP) share: {@code Content-Length} framed JSON on standard
 * input and output. Standard output carries the protocol and nothing else, so while a server runs
 * everything else that would print there goes to standard error; a message longer than the server
 * accepts ends the session instead of exhausting the heap; a request that fails answers with an
 * error, never a stack trace.
 */
public final class Wire {
    private Wire() {}

    /** The longest message read, in bytes: a document at the assembler's limit, in UTF-8 and JSON-escaped, with room. */
    public static final int MAX_MESSAGE = 32 * 1024 * 1024;

    /**
     * Serves one client on {@code in} and {@code out} until it goes away or {@code done} completes:
     * {@code builder} (LSP's or DAP's) gets the service, the bounded input, the error handler and
     * daemon threads named {@code toyisa-NAME}; {@code connect} is handed the client's proxy.
     * Returns whichever ended first: {@code done}'s value, or null when the stream closed.
     */
    public static <C> Object serve(String name, Launcher.Builder<C> builder, Object service, Class<C> client, Consumer<C> connect,
            CompletableFuture<?> done, InputStream in, OutputStream out) throws InterruptedException, ExecutionException {
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "toyisa-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            Launcher<C> launcher = builder
                    .setLocalService(service)
                    .setRemoteInterface(client)
                    .setInput(bounded(new BufferedInputStream(in), MAX_MESSAGE))
                    .setOutput(out)
                    .setExecutorService(threads)
                    .setExceptionHandler(errors())
                    .create();
            connect.accept(launcher.getRemoteProxy());
            CompletableFuture<?> listening = CompletableFuture.runAsync(() -> {
                try {
                    launcher.startListening().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    System.err.println("toyisa " + name + ": " + e.getCause());
                }
            }, threads);
            return CompletableFuture.anyOf(listening, done).get();
        } finally {
            try {
                out.flush(); // the last answer (to disconnect or exit) out before the threads stop
            } catch (IOException e) {
                // the client went away: nothing more to say to it
            }
            threads.shutdownNow();
        }
    }

    /**
     * The real standard output for the protocol; {@link System#out} is pointed at standard error until
     * the process ends, so no stray print corrupts the stream.
     */
    public static OutputStream takeStdout() {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        return new FileOutputStream(FileDescriptor.out);
    }

    /** A request handler's failure as the protocol's internal error: one line, no stack trace. */
    public static Function<Throwable, ResponseError> errors() {
        return t -> {
            Throwable cause = t;
            while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.lang.reflect.InvocationTargetException)
                    && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException r) return r.getResponseError();
            System.err.println("toyisa: internal error: " + cause);
            return new ResponseError(ResponseErrorCode.InternalError, "internal error: " + cause, null);
        };
    }

    /**
     * Input that refuses a message whose {@code Content-Length} is over {@code max}: reading it fails
     * as if the stream had broken, and the session ends cleanly.
     */
    public static InputStream bounded(InputStream in, int max) {
        return new FilterInputStream(in) {
            private final StringBuilder header = new StringBuilder();
            private long contentLength = -1;
            private long body; // bytes of the current body still to come

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) see(b);
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                // In a header, a byte at a time, so a refused length is refused before its body is read.
                if (body == 0) {
                    int b = read();
                    if (b < 0) return -1;
                    buf[off] = (byte) b;
                    return 1;
                }
                int n = super.read(buf, off, (int) Math.min(len, body));
                if (n > 0) body -= n;
                return n;
            }

            private void see(int b) throws IOException {
                if (body > 0) {
                    body--;
                    return;
                }
                if (b != '\n') {
                    if (header.length() > 1024) throw new IOException("a protocol header line is over 1024 bytes");
                    if (b != '\r') header.append((char) b);
                    return;
                }
                String line = header.toString();
                header.setLength(0);
                if (line.isEmpty()) { // end of headers: the body follows
                    body = Math.max(0, contentLength);
                    contentLength = -1;
                    return;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                    try {
                        contentLength = Long.parseLong(line.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        contentLength = -1; // the reader reports it
                    }
                    if (contentLength > max) {
                        throw new IOException("a message of " + contentLength + " bytes is longer than the " + max + " accepted");
                    }
                }
            }

            @Override
            public long skip(long n) throws IOException {
                long done = 0;
                while (done < n && read() >= 0) done++;
                return done;
            }
        };
    }
}
