package toyisa.repl;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import toyisa.lsp.Wire;

/** {@code toyisa dap}: the debug adapter on standard input and output, until the editor disconnects or goes away. */
public final class DebugAdapterMain {
    private DebugAdapterMain() {}

    public static int serve(InputStream in, OutputStream out) {
        DebugAdapter adapter = new DebugAdapter();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "toyisa-dap-io");
            t.setDaemon(true);
            return t;
        });
        Launcher<IDebugProtocolClient> launcher = new DebugLauncher.Builder<IDebugProtocolClient>()
                .setLocalService(adapter)
                .setRemoteInterface(IDebugProtocolClient.class)
                .setInput(Wire.bounded(new BufferedInputStream(in), Wire.MAX_MESSAGE))
                .setOutput(out)
                .setExecutorService(threads)
                .setExceptionHandler(Wire.errors())
                .create();
        adapter.connect(launcher.getRemoteProxy());
        CompletableFuture<?> listening = CompletableFuture.runAsync(() -> {
            try {
                launcher.startListening().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                System.err.println("toyisa dap: " + e.getCause());
            }
        }, threads);
        try {
            CompletableFuture.anyOf(listening, adapter.finished()).get();
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.io.IOException e) {
            // the editor went away: nothing more to say to it
        }
        threads.shutdownNow();
        return 0;
    }
}
