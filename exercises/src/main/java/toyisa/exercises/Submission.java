package toyisa.exercises;

import java.util.LinkedHashMap;
import java.util.Map;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;

/**
 * A student's submission made ready to run: for a source exercise, one binary per CPU (or the
 * assembler's diagnostics); for a binary exercise, the same bytes for every CPU.
 */
public final class Submission {
    /** Largest binary a student can hand in: it must fit between 0100h and FFFFh. */
    public static final int MAX_BYTES = 0x10000 - 0x100;

    private final Map<Isa, byte[]> binaries = new LinkedHashMap<>();
    private final StringBuilder problems = new StringBuilder();

    private Submission() {}

    /** Prepares a submission's file contents for an exercise. */
    public static Submission prepare(Exercise exercise, String fileName, byte[] contents) {
        Submission s = new Submission();
        if (exercise.kind() == Exercise.Kind.SOURCE) {
            String source = new String(contents, java.nio.charset.StandardCharsets.UTF_8);
            for (Isa cpu : exercise.cpus()) {
                Assembly a = Assembler.assemble(fileName, source, cpu);
                if (a.ok()) s.binaries.put(cpu, a.binary());
                else s.problems.append("does not assemble for ").append(cpu.name()).append(":\n").append(a.formatDiagnostics());
            }
        } else {
            byte[] bytes;
            try {
                bytes = looksLikeHex(contents) ? parseHex(new String(contents, java.nio.charset.StandardCharsets.UTF_8)) : contents;
            } catch (IllegalArgumentException e) {
                s.problems.append(fileName).append(": ").append(e.getMessage()).append('\n');
                return s;
            }
            if (bytes.length == 0) s.problems.append(fileName).append(": no bytes\n");
            else if (bytes.length > MAX_BYTES) s.problems.append(fileName).append(": ").append(bytes.length).append(" bytes do not fit in memory\n");
            else for (Isa cpu : exercise.cpus()) s.binaries.put(cpu, bytes);
        }
        return s;
    }

    /** The binary for a CPU, or null when the submission could not be made into one. */
    public byte[] binaryFor(Isa cpu) {
        return binaries.get(cpu);
    }

    /** Why some CPU has no binary (assembly errors, unreadable hex), or empty. */
    public String problems() {
        return problems.toString();
    }

    /** Hex text: pairs of hex digits, whitespace, and {@code ;} or {@code #} comments to the end of the line. */
    static boolean looksLikeHex(byte[] contents) {
        for (byte b : contents) {
            if (b == 0 || (b & 0x80) != 0) return false;
        }
        return true;
    }

    static byte[] parseHex(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            int cut = line.indexOf(';');
            if (cut < 0) cut = line.indexOf('#');
            if (cut >= 0) line = line.substring(0, cut);
            for (String tok : line.strip().split("\\s+")) {
                if (tok.isEmpty()) continue;
                if (!tok.matches("(?i)[0-9a-f]{2}"))
                    throw new IllegalArgumentException("line " + lineNo + ": '" + tok + "' is not a byte (two hex digits, like 2A)");
                out.write(Integer.parseInt(tok, 16));
            }
        }
        return out.toByteArray();
    }
}
