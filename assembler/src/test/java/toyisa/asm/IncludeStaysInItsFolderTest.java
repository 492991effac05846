package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import toyisa.isa.Isa;

/**
 * {@code .include} reads inside the folder of the file being assembled (and the folders named with
 * {@code -I}) only: no host file elsewhere, no link out, no device or pipe, and never a line of a
 * file it refused in a diagnostic.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class IncludeStaysInItsFolderTest {
    @TempDir
    Path dir;

    private static final String SECRET = "SECRET_TOKEN=hunter2 this line must never be printed";

    private Assembly assemble(Path src, List<Path> dirs) throws Exception {
        return Assembler.assemble(src.toString(), Files.readString(src), Isa.byName("intellio"), Assembler.DEFAULT_ORIGIN,
                IncludeResolver.files(src, dirs));
    }

    private Assembly including(String name) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path src = Files.writeString(project.resolve("main.pasm"), ".include \"" + name + "\"\n        halt\n");
        return assemble(src, List.of());
    }

    @Test
    void anIncludeOutsideTheFolderIsRefusedAndNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.pasm"), SECRET + "\n");
        for (String name : new String[] {secret.toString(), "../secret.pasm", "/proc/self/environ", "/etc/passwd", "sub/../../secret.pasm"}) {
            Assembly a = including(name);
            assertFalse(a.ok(), name);
            String text = a.formatDiagnostics();
            assertTrue(text.contains("is outside the source's folder"), name + ": " + text);
            assertFalse(text.contains("SECRET") || text.contains("root:"), name + ": " + text);
        }
    }

    @Test
    void anIncludeThroughALinkOutOfTheFolderIsRefused() throws Exception {
        Files.writeString(dir.resolve("secret.pasm"), SECRET + "\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createSymbolicLink(project.resolve("lib.pasm"), dir.resolve("secret.pasm"));
        Files.createSymbolicLink(project.resolve("up"), dir);
        for (String name : new String[] {"lib.pasm", "up/secret.pasm"}) {
            Assembly a = including(name);
            String text = a.formatDiagnostics();
            assertTrue(text.contains("goes through a symbolic link"), name + ": " + text);
            assertFalse(text.contains("SECRET"), text);
        }
    }

    @Test
    void aPipeOrAFolderToIncludeGetsAClearMessage() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        assertTrue(new ProcessBuilder("mkfifo", project.resolve("pipe.pasm").toString()).start().waitFor() == 0);
        Files.createDirectories(project.resolve("folder"));
        String pipe = including("pipe.pasm").formatDiagnostics();
        assertTrue(pipe.contains("is not a regular file"), pipe);
        String folder = including("folder").formatDiagnostics();
        assertTrue(folder.contains("is a directory"), folder);
        String missing = including("missing.pasm").formatDiagnostics();
        assertTrue(missing.contains("cannot find 'missing.pasm'"), missing);
    }

    @Test
    void anIncludeInTheFolderOrBelowOrInAnIncludeDirWorks() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(project.resolve("sub/a.pasm"), ".include \"../b.pasm\"\n");
        Files.writeString(project.resolve("b.pasm"), "        nop\n");
        Files.writeString(lib.resolve("hal.pasm"), "        mov a, 10h\n");
        Path src = Files.writeString(project.resolve("main.pasm"), ".include \"sub/a.pasm\"\n.include \"hal.pasm\"\n        halt\n");
        Assembly refused = assemble(src, List.of());
        assertFalse(refused.ok(), "hal.pasm is in no folder the source may include from");
        Assembly a = assemble(src, List.of(lib));
        assertTrue(a.ok(), a.formatDiagnostics());
    }
}
