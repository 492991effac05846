package toyisa.repl;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import toyisa.lsp.Wire;

/** {@code toyisa dap}: the debug adapter on standard input and output, until the editor disconnects or goes away. */
public final class DebugAdapterMain {
    private DebugAdapterMain() {}

    public static int serve(InputStream in, OutputStream out) {
        DebugAdapter adapter = new DebugAdapter();
        try {
            Wire.serve("dap", new DebugLauncher.Builder<IDebugProtocolClient>(), adapter, IDebugProtocolClient.class, adapter::connect,
                    adapter.finished(), in, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the editor went away: nothing more to say to it
        }
        return 0;
    }
}
