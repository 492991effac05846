package toyisa.lsp;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** {@code toyisa lsp}: the language server on standard input and output, until the client exits or goes away. */
public final class LanguageServerMain {
    private LanguageServerMain() {}

    /** Serves one client; returns the exit status (0 after shutdown and exit, or when the client closed the stream). */
    public static int serve(InputStream in, OutputStream out) {
        ToyisaLanguageServer server = new ToyisaLanguageServer();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "toyisa-lsp");
            t.setDaemon(true);
            return t;
        });
        Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(Wire.bounded(new BufferedInputStream(in), Wire.MAX_MESSAGE))
                .setOutput(out)
                .setExecutorService(threads)
                .setExceptionHandler(Wire.errors())
                .create();
        server.connect(launcher.getRemoteProxy());
        CompletableFuture<?> listening = CompletableFuture.runAsync(() -> {
            try {
                launcher.startListening().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                System.err.println("toyisa lsp: " + e.getCause());
            }
        }, threads);
        try {
            Object first = CompletableFuture.anyOf(listening, server.exited()).get();
            threads.shutdownNow();
            return first instanceof Integer status ? status : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            return 1;
        }
    }

    public static void main(String[] args) {
        OutputStream out = Wire.takeStdout();
        System.exit(serve(System.in, out));
    }
}
