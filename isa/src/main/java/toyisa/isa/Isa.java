package toyisa.isa;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A CPU, as everything above the CPU modules sees it: the only seam. The assembler, the VM's
 * loader, the REPL and the exercises reach a CPU through this interface and its table, never through
 * one CPU's constants. CPU modules register their implementation as a {@link ServiceLoader} service.
 */
public interface Isa {
    /** The CPU's table: the one source of truth for its instructions. */
    IsaTable table();

    /**
     * A short native program for the reference card's worked example, one instruction per line,
     * with {@code ;} comments.
     */
    List<String> workedExample();

    default String name() {
        return table().cpu();
    }

    /** The lower-case name used on the command line ({@code armistice}). */
    default String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The TXF machine byte. */
    default int machine() {
        return table().machine();
    }

    default ByteOrder byteOrder() {
        return table().byteOrder();
    }

    default Registers registers() {
        return table().registers();
    }

    default Instruction decode(byte[] memory, int pc) {
        return table().decode(memory, pc);
    }

    default String disassemble(Instruction insn) {
        return table().disassemble(insn);
    }

    /** Assembles one line of this CPU's native syntax at an address. */
    default byte[] assembleLine(String line, int address) throws EncodingException {
        NativeSyntax.Line l = NativeSyntax.parse(line, registers());
        return table().assemble(l.mnemonic(), l.operands(), address).bytes();
    }

    /** Every CPU on the class path, in a fixed order (by name). */
    static List<Isa> all() {
        List<Isa> out = new ArrayList<>();
        ServiceLoader.load(Isa.class).forEach(out::add);
        out.sort((x, y) -> x.name().compareTo(y.name()));
        return out;
    }

    /**
     * The CPU with this name (case-insensitive), or {@code null}. Names and machine bytes are unique,
     * so the search stops at the first CPU that has it: a CPU is loaded (its table read) only when
     * reached, and a command about one CPU need not read the other's table.
     */
    static Isa byName(String name) {
        for (Isa isa : ServiceLoader.load(Isa.class)) if (isa.id().equalsIgnoreCase(name)) return isa;
        return null;
    }

    /** The CPU with this TXF machine byte, or {@code null}; as {@link #byName}, it stops at the first. */
    static Isa byMachine(int machine) {
        for (Isa isa : ServiceLoader.load(Isa.class)) if (isa.machine() == machine) return isa;
        return null;
    }
}
