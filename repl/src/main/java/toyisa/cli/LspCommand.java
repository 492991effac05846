package toyisa.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import toyisa.lsp.LanguageServerMain;
import toyisa.lsp.Wire;

/** {@code toyisa lsp}: the language server for editors, over standard input and output (docs/editors.md). */
@Command(name = "lsp",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the Language Server Protocol on standard input and output, for an editor",
            "(VS Code, Neovim, ...): diagnostics for both CPUs, hovers with each CPU's bytes,",
            "completion, go to definition, references, rename, outline, formatting.",
            "Standard output carries only the protocol. See docs/editors.md."
        })
public final class LspCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return LanguageServerMain.serve(System.in, Wire.takeStdout());
    }
}
