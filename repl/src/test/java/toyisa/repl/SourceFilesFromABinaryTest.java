package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression: a TXF line table naming /proc/self/environ (or ../x) made the REPL print that host file as source. */
class SourceFilesFromABinaryTest {
    @TempDir
    Path dir;

    @Test
    void onlyFilesBesideTheProgramAreShownAsItsSource() throws IOException {
        Path prog = Files.createDirectories(dir.resolve("prog"));
        Files.writeString(prog.resolve("p.pasm"), "halt\n");
        Files.createDirectories(prog.resolve("lib"));
        Files.writeString(prog.resolve("lib").resolve("m.pasm"), "ret\n");
        Files.writeString(dir.resolve("secret.txt"), "password\n");
        Files.createSymbolicLink(prog.resolve("link.pasm"), dir.resolve("secret.txt"));
        assertEquals(List.of("halt"), Image.readLines(prog, "p.pasm"));
        assertEquals(List.of("ret"), Image.readLines(prog, "lib/m.pasm"));
        assertNull(Image.readLines(prog, "/proc/self/environ"));
        assertNull(Image.readLines(prog, "../secret.txt"));
        assertNull(Image.readLines(prog, "lib/../../secret.txt"));
        assertNull(Image.readLines(prog, "link.pasm"));
        assertNull(Image.readLines(prog, "/dev/zero"));
    }
}
