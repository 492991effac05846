package toyisa.asm;

import java.util.ArrayList;
import java.util.List;
import toyisa.container.Fat;

/**
 * One source assembled for every CPU, packed as a fat file: one TXF slice per CPU, like a Mach-O
 * universal binary. It is only as good as its worst slice: any error in any slice means no file.
 */
public record FatAssembly(List<Assembly> slices) {
    public FatAssembly {
        slices = List.copyOf(slices);
    }

    public boolean ok() {
        return slices.stream().allMatch(Assembly::ok);
    }

    /** The fat file, or an empty array when some slice has errors. */
    public byte[] bytes() {
        if (!ok()) return new byte[0];
        List<byte[]> txf = new ArrayList<>();
        for (Assembly a : slices) txf.add(a.toTxf());
        return Fat.write(txf);
    }

    /**
     * The diagnostics of all slices; one that every slice reports is shown once, one that only some
     * report is tagged with the CPU (an {@code out} is fine on Armistice and wrong on Intellio).
     */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> out = new ArrayList<>();
        for (Assembly a : slices) {
            for (Diagnostic d : a.diagnostics()) {
                boolean everywhere = slices.stream().allMatch(s -> s.diagnostics().contains(d));
                Diagnostic shown = everywhere ? d : d.tagged(a.target().id());
                if (!out.contains(shown)) out.add(shown);
            }
        }
        return out;
    }

    public String formatDiagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics()) sb.append(d.format());
        return sb.toString();
    }
}
