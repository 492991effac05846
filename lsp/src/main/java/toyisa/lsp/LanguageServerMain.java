package toyisa.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** {@code toyisa lsp}: the language server on standard input and output, until the client exits or goes away. */
public final class LanguageServerMain {
    private LanguageServerMain() {}

    /** Serves one client; returns the exit status (0 after shutdown and exit, or when the client closed the stream). */
    public static int serve(InputStream in, OutputStream out) {
        ToyisaLanguageServer server = new ToyisaLanguageServer();
        try {
            Object first = Wire.serve("lsp", new LSPLauncher.Builder<LanguageClient>(), server, LanguageClient.class, server::connect,
                    server.exited(), in, out);
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
