package toyisa.exercises;

import java.util.LinkedHashMap;
import java.util.Map;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.container.TxfImage;
import toyisa.container.Txf;
import toyisa.isa.Isa;

/**
 * The sample files a binfmt exercise tries a student's entry on: Print(42) built every way this
 * project writes an executable (raw, TXF executable, TXF position-independent, fat).
 */
final class Samples {
    private static final String PRINT42 = "mov a, 10h\nmov c, 42\nint 13h\nhalt\n";
    private static Map<String, byte[]> files;

    private Samples() {}

    /** The bytes of a sample by name (one of {@link ExerciseReader#SAMPLES}). */
    static synchronized byte[] file(String name) {
        if (files == null) files = build();
        byte[] b = files.get(name);
        if (b == null) throw new IllegalArgumentException("no sample " + name);
        return b.clone();
    }

    private static Map<String, byte[]> build() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Assembly a = Assembler.assemble("print42.pasm", PRINT42, Isa.byName(cpu));
            out.put(cpu + "-raw", a.binary());
            out.put(cpu + "-txf", a.toTxf());
            TxfImage img = a.txfImage();
            out.put(cpu + "-pie", Txf.write(new TxfImage(img.machine(), img.byteOrder(), TxfImage.POSITION_INDEPENDENT,
                    img.entry(), img.segments(), img.symbols(), img.files(), img.lines())));
        }
        out.put("fat", Assembler.assembleFat("print42.pasm", PRINT42, toyisa.asm.IncludeResolver.NONE).bytes());
        return out;
    }
}
