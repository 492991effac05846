package toyisa.vm;

import java.io.ByteArrayOutputStream;
import toyisa.isa.EncodingException;
import toyisa.isa.Isa;

/** Test helpers: hex strings and native assembly lines to bytes, and one-call runs. */
final class Programs {
    private Programs() {}

    static byte[] bytes(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
        return b;
    }

    /** Assembles native lines one after the other from 0100h (literal operands only). */
    static byte[] asm(String cpu, String... lines) {
        Isa isa = Isa.byName(cpu);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int address = Machine.LOAD_ADDRESS;
        for (String line : lines) {
            try {
                byte[] b = isa.assembleLine(line, address);
                out.write(b, 0, b.length);
                address += b.length;
            } catch (EncodingException e) {
                throw new IllegalArgumentException(cpu + ": " + line + ": " + e.getMessage(), e);
            }
        }
        return out.toByteArray();
    }

    static RunResult run(String cpu, byte[] program) {
        Machine m = Machine.create(cpu);
        m.loadRaw(program);
        return m.run();
    }
}
