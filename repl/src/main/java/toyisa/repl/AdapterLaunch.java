package toyisa.repl;

import static toyisa.repl.DebugAdapter.error;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import toyisa.isa.Isa;
import toyisa.vm.Machine;

/**
 * What an editor's launch configuration asks for, read and checked before anything starts, so that
 * a launch that cannot run fails with the reason and leaves the adapter as it was.
 *
 * <p>Launch arguments: {@code program} (a source file, or a raw, TXF or fat binary), {@code cpu}
 * ({@code armistice} or {@code intellio}), {@code emulate} (run an Intellio program through the
 * emulator on Armistice, to its end), {@code stopOnEntry}, {@code input} (a file the program reads;
 * without it the program reads what is typed in the debug console) and {@code disassembleAs}
 * (which CPU's reading of the bytes the disassembly view shows).
 *
 * @param input the input file's bytes, or null: the program reads the debug console
 */
record AdapterLaunch(Path path, Image image, Isa cpu, boolean emulate, byte[] input, boolean stopOnEntry, Isa disassembleAs) {

    static AdapterLaunch read(Map<String, Object> args) {
        String program = string(args, "program");
        if (program == null) throw error("launch needs \"program\": the source or binary file to run");
        Path path = Path.of(program).toAbsolutePath().normalize();
        boolean emulate = Boolean.TRUE.equals(args.get("emulate"));
        String cpuName = string(args, "cpu");
        Isa cpu = Isa.byName(cpuName == null ? (emulate ? "intellio" : "armistice") : cpuName);
        if (cpu == null) throw error("unknown CPU '" + cpuName + "': armistice or intellio");
        String input = string(args, "input");
        byte[] inputBytes = null;
        if (input != null) {
            try {
                inputBytes = toyisa.container.HostFiles.read(Path.of(input), Machine.DEFAULT_OUTPUT_CAP * 16);
            } catch (IOException e) {
                throw error("cannot read the input file '" + input + "': " + e.getMessage());
            }
        }
        Image img;
        try {
            img = Image.load(path, path.toString(), cpu);
        } catch (Image.LoadException e) {
            throw error(e.getMessage());
        }
        boolean stopOnEntry = Boolean.TRUE.equals(args.get("stopOnEntry"));
        String as = string(args, "disassembleAs");
        Isa disassembleAs = as == null ? cpu : Isa.byName(as);
        if (disassembleAs == null) throw error("unknown CPU '" + as + "' for disassembleAs: armistice or intellio");
        if (emulate && !cpu.id().equals("intellio")) throw error("the emulator runs Intellio programs on Armistice: use \"cpu\": \"intellio\"");
        return new AdapterLaunch(path, img, cpu, emulate, inputBytes, stopOnEntry, disassembleAs);
    }

    private static String string(Map<String, Object> args, String key) {
        Object v = args == null ? null : args.get(key);
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
