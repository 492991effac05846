package toyisa.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** {@code .woz} zips: the seed's layout, and hostile zips refused with a clear message. */
class WozTest {
    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String refused(byte[] zip) {
        return assertThrows(FormatException.class, () -> Woz.read(zip)).getMessage();
    }

    @Test
    void oneProgramPerMachineInTheSeedsFolders() throws Exception {
        Map<String, byte[]> slices = new LinkedHashMap<>();
        slices.put("armistice", new byte[] {1, 2});
        slices.put("intellio", new byte[] {3});
        byte[] woz = Woz.write("prog", slices);
        assertTrue(Woz.isZip(woz));
        assertArrayEquals(woz, Woz.write("prog", slices), "the same input gives the same bytes");
        Map<String, byte[]> files = Woz.read(woz);
        assertEquals(List.of("armistice/toyisa/hal-1/prog", "intellio/toyisa/hal-1/prog"), List.copyOf(files.keySet()));
        assertArrayEquals(new byte[] {3}, files.get(Woz.slicePath("intellio", "prog")));
        assertEquals("prog", Woz.programName("/tmp/x/prog.woz"));
    }

    @Test
    void pathsThatEscapeTheirFolderAreRefused() throws Exception {
        assertEquals("the entry ../../etc/passwd climbs out of its folder with '..': refused",
                refused(zip(Map.of("../../etc/passwd", new byte[1]))));
        assertEquals("the entry armistice/../../x climbs out of its folder with '..': refused",
                refused(zip(Map.of("armistice/../../x", new byte[1]))));
        assertEquals("the entry /etc/passwd has an absolute path: refused", refused(zip(Map.of("/etc/passwd", new byte[1]))));
        assertEquals("the entry a\\..\\b has a backslash in its path: refused", refused(zip(Map.of("a\\..\\b", new byte[1]))));
        assertEquals("the entry C:/x names a drive: refused", refused(zip(Map.of("C:/x", new byte[1]))));
    }

    @Test
    void aZipBombStopsAtTheLimitWhateverItsHeadersSay() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("armistice/toyisa/hal-1/bomb"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeEntry();
        }
        assertTrue(bytes.size() < 1 << 18);
        assertEquals("armistice/toyisa/hal-1/bomb unpacks to more than 1 MiB, far more than any toyisa program (a zip bomb?): refused",
                refused(bytes.toByteArray()));
    }

    @Test
    void tooManyEntriesOrTooMuchInAllAreRefused() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= Woz.MAX_ENTRIES; i++) many.put("f" + i, new byte[0]);
        assertEquals("more than 256 entries: refused", refused(zip(many)));
        Map<String, byte[]> big = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) big.put("f" + i, new byte[Woz.MAX_ENTRY_BYTES]);
        assertEquals("the entries unpack to more than 8 MiB in all (a zip bomb?): refused", refused(zip(big)));
    }

    @Test
    void brokenOrEmptyZipsAreFormatErrors() throws Exception {
        assertEquals("not a zip file: the first bytes are not 50 4B 03 04 (PK\\3\\4)", refused(new byte[] {0x7F, 'T', 'X', 'F'}));
        assertEquals("the zip file holds no files", refused(zip(Map.of("armistice/", new byte[0]))));
        byte[] cut = zip(Map.of("a", new byte[5000]));
        byte[] truncated = java.util.Arrays.copyOf(cut, 40);
        assertTrue(refused(truncated).startsWith("not a readable zip file"), refused(truncated));
    }

    @Test
    void corruptedZipsAreFormatErrorsNeverCrashes() {
        Map<String, byte[]> slices = new LinkedHashMap<>();
        slices.put("armistice", new byte[200]);
        slices.put("intellio", "some bytes that deflate".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] good = Woz.write("prog", slices);
        java.util.Random random = new java.util.Random(13);
        for (int round = 0; round < 3000; round++) {
            byte[] bad = good.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) bad[4 + random.nextInt(bad.length - 4)] = (byte) random.nextInt(256);
            if (random.nextInt(4) == 0) bad = java.util.Arrays.copyOf(bad, 4 + random.nextInt(bad.length - 4));
            try {
                Woz.read(bad);
            } catch (FormatException expected) {
                // a message, as for any hostile file
            }
        }
    }
}
