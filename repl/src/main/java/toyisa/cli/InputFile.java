package toyisa.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import toyisa.container.FormatException;
import toyisa.container.HexText;
import toyisa.container.HostFiles;
import toyisa.isa.Isa;
import toyisa.vm.Loader;
import toyisa.vm.Program;

/** Reading the file a command was given, and naming a CPU, with messages a user can act on. */
final class InputFile {
    /** Larger than any TXF or fat file toyisa writes: refuse before reading gigabytes. */
    static final long MAX_BYTES = 16 << 20;
    static final int MAX_BYTES_INT = (int) MAX_BYTES;

    private InputFile() {}

    /** The bytes of a file, or a usage error that says why they cannot be read (a device, a pipe, too large). */
    static byte[] read(CommandLine cl, Path path) {
        try {
            return HostFiles.read(path, (int) MAX_BYTES);
        } catch (HostFiles.Unreadable e) {
            throw usage(cl, e.getMessage());
        }
    }

    /**
     * The bytes of a binary: a raw, TXF or fat file as it is, hex text (what hand-encoding exercises
     * hand in) decoded to its bytes. Text that is not hex is assembly source: a usage error says how
     * to assemble it.
     */
    static byte[] readBinary(CommandLine cl, Path path) {
        byte[] bytes = read(cl, path);
        if (!HexText.isText(bytes)) return bytes;
        try {
            return HexText.parse(bytes);
        } catch (FormatException e) {
            throw usage(cl, path + " is text, not a binary: if it is assembly source, assemble it first"
                    + " (toyisa asm --target armistice|intellio -o prog.bin " + path + "); if it is hex text, " + e.getMessage());
        }
    }

    /** The CPU of a {@code --cpu} option, or a usage error listing the CPUs. */
    static Isa cpu(CommandLine cl, String name) {
        Isa isa = Isa.byName(name);
        if (isa == null) throw usage(cl, "unknown CPU '" + name + "' (expected armistice or intellio)");
        return isa;
    }

    /** The CPU a file names in its header, or null for a raw file. */
    static Isa cpuOfHeader(byte[] file) {
        if (toyisa.container.Txf.isTxf(file)) return Isa.byMachine(toyisa.container.Txf.machineOf(file));
        return null;
    }

    /** Loads a file for a CPU, or a usage error carrying the loader's explanation. */
    static Program load(CommandLine cl, Path path, byte[] file, Isa cpu) {
        try {
            return Loader.load(file, cpu);
        } catch (FormatException e) {
            throw usage(cl, path + ": " + e.getMessage());
        }
    }

    static CommandLine.ParameterException usage(CommandLine cl, String message) {
        return new CommandLine.ParameterException(cl, message);
    }
}
