package toyisa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import toyisa.container.Segment;
import toyisa.container.Symbol;
import toyisa.isa.Hex;
import toyisa.isa.Instruction;
import toyisa.isa.InstructionFields;
import toyisa.isa.Isa;
import toyisa.vm.Loader;
import toyisa.vm.Program;

/**
 * {@code toyisa disasm}: a linear sweep over a binary's bytes. {@code --cpu} overrides the header,
 * so a file can be read the way the wrong CPU would read it.
 */
@Command(name = "disasm",
        mixinStandardHelpOptions = true,
        description = {
            "Disassemble a binary: address, bytes, instruction.",
            "--cpu overrides the header, to see a file as the wrong CPU would decode it.",
            "--fields splits each instruction into its form's fields, named as the reference card names them."
        })
public final class DisasmCommand implements Callable<Integer> {
    /** Field lines stand under the instruction's bytes. */
    private static final String FIELD_INDENT = "       ";

    @Option(names = "--cpu", paramLabel = "CPU",
            description = "armistice or intellio (default: the CPU a TXF header names; required for a raw file)")
    String cpu;

    @Option(names = "--fields",
            description = "under each instruction: its reference card row, and its bytes split into the form's fields "
                    + "(opcode, registers, constants in their byte order, ignored bits) with their bits and values")
    boolean fields;

    @Parameters(index = "0", paramLabel = "FILE", description = "a raw binary (at 0100h), TXF or fat file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        byte[] bytes = InputFile.readBinary(cl, file);
        Isa header = InputFile.cpuOfHeader(bytes);
        Isa isa = cpu != null ? InputFile.cpu(cl, cpu) : header;
        if (isa == null) throw InputFile.usage(cl, RunCommand.noCpu(file, bytes, "disasm"));
        Program program = InputFile.load(cl, file, bytes, isa);

        out.println("; " + file + ": " + describe(program, bytes) + ", decoded as " + isa.name());
        if (header != null && header != isa)
            out.println("; the header says " + header.name() + ": this is how " + isa.name() + " would misread it");
        Map<Integer, String> labels = new HashMap<>();
        if (program.image() != null) for (Symbol s : program.image().symbols()) labels.putIfAbsent(s.address(), s.name());
        out.print(listing(isa, program.segments(), labels, fields));
        out.flush();
        return 0;
    }

    private static String describe(Program p, byte[] file) {
        return switch (p.format()) {
            case RAW -> "raw, " + file.length + " bytes at " + Hex.addr(0x100);
            case TXF -> "TXF for " + Loader.machineName(p.image().machine()) + ", entry " + Hex.addr(p.entry());
            case FAT -> "fat file, slice for " + Loader.machineName(p.image().machine()) + ", entry " + Hex.addr(p.entry());
        };
    }

    /**
     * Address, bytes and instruction for every instruction of every segment, with labels; with
     * {@code fields}, each instruction's {@link InstructionFields} under it.
     */
    static String listing(Isa isa, List<Segment> segments, Map<Integer, String> labels, boolean fields) {
        StringBuilder sb = new StringBuilder();
        for (Segment seg : segments) {
            byte[] mem = new byte[0x10000];
            System.arraycopy(seg.bytes(), 0, mem, seg.address(), seg.bytes().length);
            int end = seg.address() + seg.bytes().length;
            int pc = seg.address();
            while (pc < end) {
                String label = labels.get(pc);
                if (label != null) sb.append(toyisa.isa.Printable.name(label)).append(":\n");
                Instruction insn = isa.decode(mem, pc);
                sb.append(String.format(java.util.Locale.ROOT, "%s  %-12s  %s%n", Hex.addr(pc), Hex.bytes(insn.bytes()), isa.disassemble(insn)));
                if (fields) {
                    for (String line : InstructionFields.of(isa.table(), insn).lines()) sb.append(FIELD_INDENT).append(line).append('\n');
                }
                pc += insn.length();
            }
        }
        return sb.toString();
    }
}
