package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.container.Fat;
import toyisa.isa.Isa;

/**
 * The real {@code file(1)} names TXF files of both machines, both types, and fat files with their
 * slices, by the magic file the repository ships ({@code docs/toyisa.magic}).
 */
class FileNamesToyisaFilesTest {
    private static final Path MAGIC = Path.of("..", "docs", "toyisa.magic");

    @TempDir
    Path dir;

    private HostTool file;

    @BeforeEach
    void findFile() {
        file = HostTool.find("file");
        assumeTrue(file != null, HostTool.missing("file", "file"));
        assertTrue(Files.isRegularFile(MAGIC), MAGIC.toAbsolutePath() + " is missing");
    }

    private static byte[] txf(String cpu) {
        Assembly a = Assembler.assemble("print42.pasm", DemoCommand.PRINT_42, Isa.byName(cpu));
        assertTrue(a.ok(), a.formatDiagnostics());
        return a.toTxf();
    }

    private String describe(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        HostTool.Result r = file.run("-b", "-m", MAGIC.toString(), p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err(), "file(1) complained about the magic file");
        return r.out().strip();
    }

    @Test
    void txfFilesOfBothMachines() throws Exception {
        assertEquals("TXF executable, version 1, little-endian, Intellio", describe("i.txf", txf("intellio")));
        assertEquals("TXF executable, version 1, big-endian, Armistice", describe("a.txf", txf("armistice")));
    }

    @Test
    void positionIndependentExecutablesAndUnknownValues() throws Exception {
        byte[] pie = txf("intellio");
        pie[6] = 3;
        assertEquals("TXF position-independent executable, version 1, little-endian, Intellio", describe("pie.txf", pie));
        byte[] odd = txf("armistice");
        odd[5] = 9;
        odd[6] = 7;
        odd[7] = 0x42;
        assertEquals("TXF file of unknown type 7, version 1, unknown byte order 9, unknown machine 0x42", describe("odd.txf", odd));
    }

    @Test
    void fatFilesWithTheirSlices() throws Exception {
        assertEquals("TXF fat file, version 1, 2 slices: TXF executable, version 1, big-endian, Armistice;"
                + " TXF executable, version 1, little-endian, Intellio",
                describe("both.fat", Fat.write(List.of(txf("armistice"), txf("intellio")))));
        assertEquals("TXF fat file, version 1, 1 slice: TXF executable, version 1, little-endian, Intellio",
                describe("one.fat", Fat.write(List.of(txf("intellio")))));
    }

    @Test
    void otherFilesAreNotTakenForToyisaFiles() throws Exception {
        assertTrue(!describe("raw.bin", new byte[] {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4}).contains("TXF"));
    }
}
