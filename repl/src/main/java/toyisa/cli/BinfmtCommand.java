package toyisa.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toyisa.vm.BinfmtRegistry;
import toyisa.vm.ConfigException;

/**
 * {@code toyisa binfmt}: the registry that decides which foreign binaries {@code toyisa exec} hands
 * to an interpreter, shown and switched like Debian's {@code update-binfmts}.
 */
@Command(name = "binfmt",
        mixinStandardHelpOptions = true,
        description = {
            "Show or change the binfmt registry, like update-binfmts: which foreign",
            "binaries exec hands to an interpreter, recognised by magic bytes under a mask",
            "or by file extension. Changes persist in a user config file (the TOYISA_BINFMT",
            "environment variable overrides its path)."
        })
public final class BinfmtCommand implements Callable<Integer> {
    static final class Action {
        @Option(names = "--display", arity = "0..1", paramLabel = "NAME", fallbackValue = "",
                description = "show every entry, or the one named")
        String display;

        @Option(names = "--enable", paramLabel = "NAME", description = "enable an entry")
        String enable;

        @Option(names = "--disable", paramLabel = "NAME", description = "disable an entry")
        String disable;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Action action;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try {
            BinfmtRegistry registry = BinfmtRegistry.load();
            if (action == null || action.display != null) {
                String name = action == null ? "" : action.display;
                out.print(name.isEmpty() ? registry.display() : registry.display(name));
            } else {
                String name = action.enable != null ? action.enable : action.disable;
                registry.setEnabled(name, action.enable != null);
                registry.save();
                out.print(registry.display(name));
            }
            out.flush();
            return 0;
        } catch (ConfigException e) {
            err.println("toyisa binfmt: " + e.getMessage());
            return Toyisa.USAGE;
        }
    }
}
