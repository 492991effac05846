package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.container.Woz;

/**
 * The seed's {@code .woz} fat binary: {@code asm --format woz} builds the zip, {@code exec} hands it
 * to the woz interpreter through the {@code toyisa-woz} extension entry, which runs the slice for the
 * machine; a zip without that slice is an exec format error; a hostile zip is refused and nothing is
 * unpacked anywhere. Golden file {@code src/test/resources/cli/woz-exec.out}.
 */
class WozExecTest {
    @TempDir
    Path dir;

    @BeforeEach
    void privateRegistry() {
        System.setProperty("toyisa.binfmt", dir.resolve("registry").toString());
    }

    @AfterEach
    void forgetRegistry() {
        System.clearProperty("toyisa.binfmt");
    }

    private String toyisa(String... args) {
        return Goldens.transcript(args).replace(dir.toString() + "/", "");
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, bytes.toByteArray());
        return p;
    }

    private List<Path> everything() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aWozFileRunsItsSliceForEachMachine() throws Exception {
        Path src = dir.resolve("print42.pasm");
        Files.writeString(src, DemoCommand.PRINT_42);
        Path built = dir.resolve("built.woz");
        String r = toyisa("asm", "--target", "fat", "--format", "woz", "-o", built.toString(), src.toString());
        assertTrue(r.endsWith("--- exit status 0\n"), r);
        assertEquals(List.of("armistice/toyisa/hal-1/built", "intellio/toyisa/hal-1/built"),
                List.copyOf(Woz.read(Files.readAllBytes(built)).keySet()));
        // The same, with the source named as in the golden file (its line table holds the source's name).
        Map<String, byte[]> slices = new java.util.LinkedHashMap<>();
        for (toyisa.asm.Assembly a : toyisa.asm.Assembler.assembleFat("print42.pasm", DemoCommand.PRINT_42,
                toyisa.asm.IncludeResolver.files()).slices())
            slices.put(a.target().name().toLowerCase(java.util.Locale.ROOT), a.toTxf());
        Path woz = dir.resolve("print42.woz");
        Files.write(woz, Woz.write("print42", slices));
        Path oneSlice = zip("intellio-only.woz", Map.of(Woz.slicePath("intellio", "intellio-only"),
                Woz.read(Files.readAllBytes(woz)).get(Woz.slicePath("intellio", "print42"))));
        Path climbs = zip("climbs.woz", Map.of("armistice/toyisa/hal-1/../../../../tmp/climbs", new byte[] {1}));
        List<Path> before = everything();
        Goldens.check("woz-exec", toyisa("exec", "--machine", "armistice", woz.toString())
                + toyisa("exec", "--machine", "intellio", woz.toString())
                + toyisa("binfmt", "--find", woz.toString())
                + toyisa("exec", "--machine", "armistice", oneSlice.toString())
                + toyisa("exec", "--machine", "armistice", climbs.toString())
                + toyisa("asm", "--target", "fat", "--format", "woz", "-o", dir.resolve("print42.zip").toString(), src.toString())
                + toyisa("asm", "--target", "intellio", "--format", "woz", "-o", woz.toString(), src.toString()));
        assertEquals(before, everything(), "running .woz files unpacked nothing onto disk");
        assertTrue(!Files.exists(Path.of("/tmp/climbs")));
    }
}
