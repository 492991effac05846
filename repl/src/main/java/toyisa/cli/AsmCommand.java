package toyisa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toyisa.asm.Assembler;
import toyisa.container.HostFiles;
import toyisa.asm.Assembly;
import toyisa.asm.FatAssembly;
import toyisa.asm.IncludeResolver;
import toyisa.isa.Isa;
import toyisa.container.HostWrites;

/**
 * {@code toyisa asm}: assembles one portable source for one CPU (or both, as a fat file). Exit 0 on
 * success (warnings are printed, not fatal), 1 on assembly errors, 2 on usage errors such as a
 * missing file.
 */
@Command(name = "asm",
        mixinStandardHelpOptions = true,
        description = {
            "Assemble a portable source (.pasm) for one CPU, or for both as a fat file.",
            "Errors and warnings go to standard error as file:line:col: error: message.",
            "Exit status: 0 assembled, 1 assembly errors, 2 usage error (e.g. a missing file)."
        })
public final class AsmCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, paramLabel = "CPU",
            description = "armistice, intellio, or fat (one TXF slice per CPU)")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "raw (bytes loaded at 0100h; the default) or txf (header, symbols, line table); "
                    + "with --target fat: txf (one fat file; the default) or woz (a zip, one TXF file per machine)")
    String format;

    @Option(names = "--listing", description = "print a listing (address, bytes, source line) to standard output")
    boolean listing;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the file to write")
    Path output;

    @Option(names = {"-I", "--include-dir"}, paramLabel = "DIR",
            description = "a folder .include may also read from (besides the source's own folder); repeatable")
    List<Path> includeDirs = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "SRC", description = "the source file")
    Path source;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean fat = "fat".equalsIgnoreCase(target);
        Isa isa = fat ? null : Isa.byName(target);
        if (!fat && isa == null) throw usage("unknown target '" + target + "' (expected armistice, intellio or fat)");
        String fmt = format == null ? (fat ? "txf" : "raw") : format.toLowerCase(java.util.Locale.ROOT);
        if (!fmt.equals("raw") && !fmt.equals("txf") && !fmt.equals("woz"))
            throw usage("unknown format '" + format + "' (expected raw, txf or woz)");
        if (fat && fmt.equals("raw")) throw usage("a fat file holds TXF slices: --target fat takes no --format raw");
        if (!fat && fmt.equals("woz")) throw usage("a .woz file holds a program per machine: --format woz goes with --target fat");
        if (fmt.equals("woz") && !output.getFileName().toString().endsWith(".woz"))
            throw usage("a .woz file must be named *.woz: its binfmt entry matches the extension, and the program inside"
                    + " is named after it (prog.woz holds MACHINE/toyisa/hal-1/prog)");

        if (sameFile(source, output)) throw usage("-o " + output + " is the source itself: assembling would overwrite it with the binary");
        String text;
        try {
            text = HostFiles.readText(source, Assembler.MAX_SOURCE_CHARS);
        } catch (HostFiles.Unreadable e) {
            err.println("toyisa asm: " + e.getMessage());
            return Toyisa.USAGE;
        }

        String name = source.toString();
        byte[] bytes;
        List<Assembly> results = new ArrayList<>();
        if (fat) {
            FatAssembly f = Assembler.assembleFat(name, text, IncludeResolver.files(source, includeDirs));
            err.print(f.formatDiagnostics());
            results.addAll(f.slices());
            bytes = !f.ok() ? null : fmt.equals("woz") ? woz(f) : f.bytes();
        } else {
            Assembly a = Assembler.assemble(name, text, isa, Assembler.DEFAULT_ORIGIN, IncludeResolver.files(source, includeDirs));
            err.print(a.formatDiagnostics());
            results.add(a);
            bytes = a.ok() ? (fmt.equals("txf") ? a.toTxf() : a.binary()) : null;
        }
        err.flush();
        if (bytes == null) {
            long errors = results.stream().mapToLong(a -> a.errors().size()).sum();
            err.println("toyisa asm: " + (fat ? "fat build failed" : errors + " error" + (errors == 1 ? "" : "s") + ", nothing written"));
            return 1;
        }
        try {
            HostWrites.write(output, bytes);
        } catch (IOException e) {
            err.println("toyisa asm: cannot write " + output + ": " + reason(e));
            return Toyisa.USAGE;
        }
        if (listing) {
            for (Assembly a : results) {
                if (fat) out.println("; " + a.target().name());
                out.print(a.listing());
            }
            out.flush();
        }
        return 0;
    }

    /** The slices as a .woz zip: each machine's TXF file at MACHINE/toyisa/hal-1/PROG, PROG named after the output. */
    private byte[] woz(FatAssembly f) {
        java.util.Map<String, byte[]> byMachine = new java.util.LinkedHashMap<>();
        for (Assembly a : f.slices()) byMachine.put(a.target().name().toLowerCase(java.util.Locale.ROOT), a.toTxf());
        return toyisa.container.Woz.write(toyisa.container.Woz.programName(output.getFileName().toString()), byMachine);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** True when both name one file (the same path, or links to one file). */
    static boolean sameFile(Path a, Path b) {
        try {
            if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.charset.MalformedInputException) return "not UTF-8 text";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
