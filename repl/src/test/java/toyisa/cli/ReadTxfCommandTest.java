package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.container.Fat;
import toyisa.isa.Isa;

/** {@code toyisa readtxf} on the seed's program with a label, against golden files in {@code src/test/resources/cli/}. */
class ReadTxfCommandTest {
    static final String SOURCE = "start:  mov a, 10h\n        mov c, 42\nagain:  int 13h\n        halt\n";

    @TempDir
    Path dir;

    private String toyisa(String... args) {
        return Goldens.transcript(args).replace(dir.toString() + "/", "");
    }

    private static byte[] txf(String cpu) {
        Assembly a = Assembler.assemble("print42.pasm", SOURCE, Isa.byName(cpu));
        assertTrue(a.ok(), a.formatDiagnostics());
        return a.toTxf();
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    @Test
    void aTxfFileFieldByField() throws IOException {
        Goldens.check("readtxf-intellio", toyisa("readtxf", write("print42.intellio.txf", txf("intellio"))));
    }

    @Test
    void aFatFileItsSliceTableThenEachSlice() throws IOException {
        Goldens.check("readtxf-fat", toyisa("readtxf", write("print42.fat", Fat.write(List.of(txf("armistice"), txf("intellio"))))));
    }

    @Test
    void aWozZipItsFilesEachTakenApart() throws Exception {
        java.util.Map<String, byte[]> slices = new java.util.LinkedHashMap<>();
        slices.put("armistice", txf("armistice"));
        slices.put("intellio", txf("intellio"));
        Goldens.check("readtxf-woz", toyisa("readtxf", write("print42.woz", toyisa.container.Woz.write("print42", slices))));
    }

    @Test
    void aFileThatIsNotWellFormedGetsTheReadersMessage() throws IOException {
        byte[] txf = txf("intellio");
        Goldens.check("readtxf-errors", toyisa("readtxf", write("raw.bin", new byte[] {0x20, 0x10}))
                + toyisa("readtxf", write("truncated.txf", Arrays.copyOf(txf, 30)))
                + toyisa("readtxf", write("trailing.txf", Arrays.copyOf(txf, txf.length + 1)))
                + toyisa("readtxf", dir.resolve("missing.txf").toString()));
    }
}
