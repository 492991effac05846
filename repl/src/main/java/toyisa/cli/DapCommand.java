package toyisa.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import toyisa.lsp.Wire;
import toyisa.repl.DebugAdapterMain;

/** {@code toyisa dap}: the debug adapter for editors, over standard input and output (docs/editors.md). */
@Command(name = "dap",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the Debug Adapter Protocol on standard input and output, for an editor's",
            "debugger (VS Code, Neovim's nvim-dap, ...): the REPL's debugger with breakpoints,",
            "stepping forwards and back, registers, memory and disassembly.",
            "Standard output carries only the protocol. See docs/editors.md."
        })
public final class DapCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return DebugAdapterMain.serve(System.in, Wire.takeStdout());
    }
}
