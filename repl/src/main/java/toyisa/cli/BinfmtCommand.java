package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import toyisa.vm.exec.BinfmtEntry;
import toyisa.vm.exec.BinfmtRegistry;
import toyisa.vm.exec.BinfmtSpec;
import toyisa.vm.exec.ConfigException;

/**
 * {@code toyisa binfmt}: the registry that decides which foreign binaries {@code toyisa exec} hands
 * to an interpreter, shown and changed like Debian's {@code update-binfmts}, exported in its format
 * and as the kernel's register line.
 */
@Command(name = "binfmt",
        mixinStandardHelpOptions = true,
        customSynopsis = {
            "toyisa binfmt [--display [NAME] | --enable NAME | --disable NAME]",
            "       toyisa binfmt --install NAME INTERPRETER SPEC [FLAGS] [--package NAME]",
            "       toyisa binfmt --remove NAME [INTERPRETER]",
            "       toyisa binfmt --register-line NAME [--explain]",
            "       toyisa binfmt --find FILE | --export DIR",
            "Each may add --registry FILE. SPEC is --magic BYTES [--mask BYTES] [--offset N]",
            "or --extension EXT; FLAGS are --preserve yes, --credentials yes, --fix-binary",
            "yes, or --flags LETTERS (any of P O C F).",
            "",
        },
        description = {
            "Show or change the binfmt registry, like update-binfmts: which foreign",
            "binaries exec hands to an interpreter, recognised by magic bytes under a mask",
            "or by file extension. The kernel tries the latest registered entry first and",
            "looks only at the first 128 bytes of a file.",
            "",
            "--enable and --disable save to the user's registry file (the TOYISA_BINFMT",
            "environment variable overrides its path). --install and --remove save only to a",
            "file you name (--registry FILE or TOYISA_BINFMT); without one they change this",
            "run's copy and say so. Nothing here registers anything with the host's kernel.",
            "",
            "Examples:",
            "  toyisa binfmt --display toyisa-intellio",
            "  toyisa binfmt --export /tmp/formats   # for update-binfmts --importdir",
            "  toyisa binfmt --register-line toyisa-intellio --explain",
            "  toyisa binfmt --registry my.binfmt --install woz toyisa-woz --extension woz",
            "  toyisa binfmt --find prog.txf",
        })
public final class BinfmtCommand implements Callable<Integer> {
    static final class Action {
        @Option(names = "--display", arity = "0..1", paramLabel = "NAME", fallbackValue = "",
                description = "show every entry, or the one named, exactly as update-binfmts --display does")
        String display;

        @Option(names = "--enable", paramLabel = "NAME", description = "enable an entry")
        String enable;

        @Option(names = "--disable", paramLabel = "NAME", description = "disable an entry")
        String disable;

        @Option(names = "--export", paramLabel = "DIR",
                description = "write each entry as a binfmt-support format file DIR/NAME (the /usr/share/binfmts format)")
        Path export;

        @Option(names = "--register-line", paramLabel = "NAME",
                description = "print the line the kernel takes in /proc/sys/fs/binfmt_misc/register")
        String registerLine;

        @Option(names = "--install", arity = "2", paramLabel = "NAME INTERPRETER", hideParamSyntax = true,
                description = "add an entry: NAME, its INTERPRETER, and --magic (with --mask, --offset) or --extension")
        String[] install;

        @Option(names = "--remove", arity = "1..2", paramLabel = "NAME [INTERPRETER]", hideParamSyntax = true,
                description = "remove an entry (when INTERPRETER is given it must be the entry's)")
        String[] remove;

        @Option(names = "--find", paramLabel = "FILE",
                description = "which interpreter would run FILE, and why: each entry's masked bytes compared")
        Path find;

        @Option(names = "--interpreters",
                description = "list toyisa's interpreters, one a line: the name an entry gives and the machine it runs on")
        boolean interpreters;

        @Option(names = "--install-script",
                description = "print scripts/install-binfmt set to install this jar, for a machine without the sources:"
                        + " java -jar toyisa.jar binfmt --install-script > install-binfmt; sudo bash install-binfmt")
        boolean installScript;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Action action;

    @Option(names = "--magic", paramLabel = "BYTES", description = "for --install: the magic, printable characters and \\xNN")
    String magic;

    @Option(names = "--mask", paramLabel = "BYTES", description = "for --install: ANDed with the file's bytes and the magic; as long as the magic")
    String mask;

    @Option(names = "--offset", paramLabel = "N", description = "for --install: where the magic starts in the file (default 0)")
    String offset;

    @Option(names = "--extension", paramLabel = "EXT", description = "for --install: match files named *.EXT instead")
    String extension;

    @Option(names = "--flags", paramLabel = "LETTERS", description = "for --install: the kernel's flags, any of P O C F")
    String flags;

    @Option(names = "--preserve", paramLabel = "yes|no", description = "for --install: flag P, as update-binfmts spells it")
    String preserve;

    @Option(names = "--credentials", paramLabel = "yes|no", description = "for --install: flag C, as update-binfmts spells it")
    String credentials;

    @Option(names = "--fix-binary", paramLabel = "yes|no", description = "for --install: flag F, as update-binfmts spells it")
    String fixBinary;

    @Option(names = "--package", paramLabel = "NAME", description = "for --install: the package it belongs to (default <local>)")
    String packageName;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "the registry file to read and change (default: TOYISA_BINFMT or ~/.config/toyisa/binfmt)")
    Path registryFile;

    @Option(names = "--prefix", paramLabel = "DIR",
            description = "with --register-line and --export: where scripts/install-binfmt installed toyisa's interpreters;"
                    + " an entry's interpreter NAME is given as DIR/libexec/toyisa/NAME (default ${DEFAULT-VALUE})")
    Path prefix = Path.of("/usr/local");

    @Option(names = "--explain", description = "with --register-line: explain each field and flag")
    boolean explain;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try {
            checkOptionsFitTheAction(cl);
            if (action != null && action.interpreters) {
                for (String name : Interpreters.names()) out.println(name + " " + Interpreters.find(name).host().id());
                out.flush();
                return 0;
            }
            if (action != null && action.installScript) return installScript(cl);
            BinfmtRegistry registry = registryFile != null ? BinfmtRegistry.load(registryFile) : BinfmtRegistry.load();
            if (registry.emptyNote() != null) err.println("toyisa binfmt: note: " + registry.emptyNote());
            if (action == null || action.display != null) {
                String name = action == null ? "" : action.display;
                out.print(name.isEmpty() ? registry.display() : registry.display(name));
            } else if (action.enable != null || action.disable != null) {
                String name = action.enable != null ? action.enable : action.disable;
                registry.setEnabled(name, action.enable != null);
                registry.save();
                out.print(registry.display(name));
            } else if (action.export != null) {
                List<Path> files = registry.export(action.export, prefix);
                for (Path p : files) out.println(p);
                err.println("toyisa binfmt: exported " + files.size() + (files.size() == 1 ? " entry" : " entries")
                        + "; update-binfmts --importdir " + action.export + " --import NAME reads one");
                for (BinfmtEntry e : registry.entries()) noteMissing(err, e.interpreter());
            } else if (action.registerLine != null) {
                BinfmtEntry named = registry.require(action.registerLine);
                BinfmtEntry e = named.withInterpreter(BinfmtRegistry.hostInterpreter(named.interpreter(), prefix));
                out.println(e.registerLine());
                if (explain) out.print(explainLine(e));
                noteMissing(err, named.interpreter());
            } else if (action.install != null) {
                BinfmtEntry e = BinfmtSpec.entry(action.install[0], action.install[1], magic, mask, offset, extension,
                        flagLetters(), packageName);
                registry.install(e);
                keep(registry, err, "installed " + e.name());
                out.print(e.display());
            } else if (action.remove != null) {
                BinfmtEntry e = registry.remove(action.remove[0], action.remove.length > 1 ? action.remove[1] : null);
                keep(registry, err, "removed " + e.name());
            } else if (action.find != null) {
                byte[] bytes = InputFile.read(cl, action.find);
                out.print(registry.explain(bytes, action.find.getFileName().toString()));
            }
            out.flush();
            return 0;
        } catch (ConfigException e) {
            err.println("toyisa binfmt: " + e.getMessage());
            return Toyisa.USAGE;
        }
    }

    /**
     * Says when the interpreter the kernel would be given is not there: the kernel takes the line
     * anyway, and every exec of a matching file then fails.
     */
    private void noteMissing(PrintWriter err, String named) {
        String interpreter = BinfmtRegistry.hostInterpreter(named, prefix);
        if (java.nio.file.Files.isExecutable(Path.of(interpreter))) return;
        if (Interpreters.find(named) == null) {
            err.println("toyisa binfmt: note: " + interpreter + " is not an executable here: the kernel takes the line"
                    + " anyway, and then every exec of a matching file fails");
            return;
        }
        err.println("toyisa binfmt: note: " + interpreter + " is not installed here: scripts/install-binfmt"
                + (prefix.equals(Path.of("/usr/local")) ? "" : " --prefix " + prefix) + " installs toyisa's interpreters"
                + " (without the sources: toyisa binfmt --install-script > install-binfmt; sudo bash install-binfmt)");
    }

    /** scripts/install-binfmt, as the jar carries it, set to install the jar that is running. */
    private int installScript(CommandLine cl) {
        String script;
        try {
            byte[] b = WebServer.read(INSTALL_SCRIPT);
            if (b == null) throw InputFile.usage(cl, "this build carries no install script (" + INSTALL_SCRIPT + ")");
            script = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw InputFile.usage(cl, "cannot read the install script: " + e.getMessage());
        }
        Path jar = runningJar();
        if (jar != null) script = script.replace("\njar=\n", "\njar='" + jar.toString().replace("'", "'\\''") + "'\n");
        cl.getOut().print(script);
        cl.getOut().flush();
        return 0;
    }

    /** Where the jar carries scripts/install-binfmt. */
    static final String INSTALL_SCRIPT = "toyisa/install-binfmt";

    /** The jar this toyisa runs from, or null (running from classes). */
    static Path runningJar() {
        try {
            Path p = Path.of(BinfmtCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (Exception ex) {
            return null;
        }
    }

    /** Saves an --install or --remove only to a file the user named; otherwise says it was not kept. */
    private void keep(BinfmtRegistry registry, PrintWriter err, String what) throws ConfigException {
        boolean named = registryFile != null || BinfmtRegistry.configPathIsNamed();
        if (named) {
            registry.save();
            err.println("toyisa binfmt: " + what + " in " + registry.file());
        } else {
            err.println("toyisa binfmt: " + what + " for this run only: nothing saved (name a registry file with"
                    + " --registry FILE or TOYISA_BINFMT to keep it)");
        }
    }

    private void checkOptionsFitTheAction(CommandLine cl) {
        if (action != null && action.install != null && action.install.length != 2)
            throw InputFile.usage(cl, "--install takes one NAME and one INTERPRETER");
        if (action != null && action.remove != null && action.remove.length > 2)
            throw InputFile.usage(cl, "--remove takes one NAME and at most one INTERPRETER");
        boolean installing = action != null && action.install != null;
        String[][] specOptions = {{"--magic", magic}, {"--mask", mask}, {"--offset", offset}, {"--extension", extension},
            {"--flags", flags}, {"--preserve", preserve}, {"--credentials", credentials}, {"--fix-binary", fixBinary},
            {"--package", packageName}};
        if (!installing)
            for (String[] o : specOptions)
                if (o[1] != null) throw InputFile.usage(cl, o[0] + " goes with --install");
        if (explain && (action == null || action.registerLine == null)) throw InputFile.usage(cl, "--explain goes with --register-line");
        for (String[] o : new String[][] {{"--preserve", preserve}, {"--credentials", credentials}, {"--fix-binary", fixBinary}})
            if (o[1] != null && !o[1].equals("yes") && !o[1].equals("no"))
                throw InputFile.usage(cl, o[0] + " takes yes or no, not '" + o[1] + "'");
    }

    private String flagLetters() {
        StringBuilder f = new StringBuilder(flags == null ? "" : flags);
        if ("yes".equals(credentials)) f.append('C');
        if ("yes".equals(preserve)) f.append('P');
        if ("yes".equals(fixBinary)) f.append('F');
        return f.toString();
    }

    /** The register line taken apart: what each field means, each flag, and the kernel's rules. */
    static String explainLine(BinfmtEntry e) {
        StringBuilder sb = new StringBuilder();
        boolean magic = e.type() == BinfmtEntry.Type.MAGIC;
        sb.append("  name         ").append(e.name()).append(": the file /proc/sys/fs/binfmt_misc/").append(e.name()).append('\n');
        sb.append("  type         ").append(magic ? "M: match magic bytes" : "E: match the file name's extension").append('\n');
        if (magic) {
            sb.append("  offset       ").append(e.offset()).append(": the magic starts at this byte of the file\n");
            sb.append("  magic        ").append(BinfmtEntry.escape(e.magic())).append(": ").append(e.magic().length)
                    .append(" bytes, each written \\xNN so no byte can be taken for the ':' delimiter\n");
            sb.append("  mask         ").append(e.mask().length == 0 ? "(empty): every bit counts"
                    : BinfmtEntry.escape(e.mask()) + ": ANDed with the file's bytes and the magic before comparing").append('\n');
        } else {
            sb.append("  offset       0: ignored for extensions\n");
            sb.append("  magic        ").append(e.extension()).append(": files named *.").append(e.extension())
                    .append(" (case-sensitive; the kernel does not unescape it)\n");
            sb.append("  mask         (empty): ignored for extensions\n");
        }
        sb.append("  interpreter  ").append(e.interpreter()).append(": the kernel runs it as: interpreter /full/path/of/file [the original argv[0], with P] arguments...\n");
        sb.append("  flags        ").append(e.flags().isEmpty() ? "(none)" : e.flags()).append('\n');
        for (char f : BinfmtEntry.FLAGS.toCharArray())
            sb.append("    ").append(e.flags().indexOf(f) >= 0 ? f : '-').append("  ")
                    .append(BinfmtEntry.explainFlag(f)).append('\n');
        sb.append("  The kernel tries the latest registered entry first; a magic must lie within the first ")
                .append(BinfmtEntry.MAGIC_WINDOW).append(" bytes of the file.\n");
        sb.append("  To register it by hand (root, Linux, binfmt_misc mounted): echo 'LINE' > /proc/sys/fs/binfmt_misc/register\n");
        return sb.toString();
    }
}
