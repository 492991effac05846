package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toyisa binfmt}'s update-binfmts verbs, the register line and --find, against golden files in
 * {@code src/test/resources/cli/} (regenerate with {@code -Dtoyisa.regenerate=true} and review).
 */
class BinfmtCommandTest {
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
        return Goldens.transcript(args).replace(dir.toString(), "$DIR");
    }

    @Test
    void theRegisterLineIsExplainedFieldByField() throws IOException {
        // a prefix of the test's own, so the golden does not depend on what this machine has installed
        Goldens.check("binfmt-register-line", toyisa("binfmt", "--register-line", "toyisa-intellio", "--prefix", dir.resolve("prefix").toString())
                + toyisa("binfmt", "--install", "woz", dir.resolve("bin/toyisa-woz").toString(), "--extension", "woz", "--preserve", "yes")
                + toyisa("binfmt", "--register-line", "woz", "--explain"));
    }

    @Test
    void installFindAndRemoveWorkLikeUpdateBinfmts() throws IOException {
        Path txf = dir.resolve("p.txf");
        Files.write(txf, new byte[] {0x7F, 'T', 'X', 'F', 1, 2, 2, (byte) 0xA7, 0, 1, 0, 0});
        Goldens.check("binfmt-install-find-remove",
                toyisa("binfmt", "--find", txf.toString())
                + toyisa("binfmt", "--install", "armistice-txf", "/usr/local/bin/run-armistice", "--magic", "\\x7fTXF\\x01\\x02",
                        "--mask", "\\xff\\xff\\xff\\xff\\xff\\xff")
                + toyisa("binfmt", "--find", txf.toString())
                + toyisa("binfmt", "--remove", "armistice-txf", "/usr/local/bin/run-armistice")
                + toyisa("binfmt", "--display"));
    }

    @Test
    void badSpecificationsGetAClearMessageAndChangeNothing() throws IOException {
        String before = toyisa("binfmt", "--display");
        Goldens.check("binfmt-install-errors",
                toyisa("binfmt", "--install", "t", "/t", "--magic", "\\x7f\\xZZ")
                + toyisa("binfmt", "--install", "t", "/t", "--magic", "ABCD", "--mask", "\\xff\\xff")
                + toyisa("binfmt", "--install", "t", "/t", "--magic", "ABCD", "--offset", "125")
                + toyisa("binfmt", "--install", "t", "/t", "--extension", "woz", "--offset", "2")
                + toyisa("binfmt", "--install", "t", "/t")
                + toyisa("binfmt", "--install", "status", "/t", "--magic", "AB")
                + toyisa("binfmt", "--install", "t", "/t", "--magic", "AB", "--preserve", "maybe")
                + toyisa("binfmt", "--magic", "AB", "--display")
                + toyisa("binfmt", "--remove", "toyisa-intellio", "/wrong")
                + toyisa("binfmt", "--remove", "nothing")
                + toyisa("binfmt", "--register-line", "nothing"));
        assertEquals(before, toyisa("binfmt", "--display"));
        assertFalse(Files.exists(dir.resolve("registry")), "a refused change writes no registry file");
    }

    @Test
    void withoutANamedRegistryInstallChangesOnlyThisRun() {
        assumeTrue(System.getenv("TOYISA_BINFMT") == null, "TOYISA_BINFMT names a registry file in this environment");
        System.clearProperty("toyisa.binfmt");
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            String r = toyisa("binfmt", "--install", "woz", "/usr/local/bin/toyisa-woz", "--extension", "woz");
            assertTrue(r.contains("installed woz for this run only: nothing saved"), r);
            assertTrue(r.endsWith("--- exit status 0\n"), r);
            assertFalse(Files.exists(dir.resolve(".config")), "nothing was written under the home directory");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void execUsesTheRegistryFileItIsGiven() throws IOException {
        Path txf = dir.resolve("p.txf");
        Files.write(txf, new byte[] {0x7F, 'T', 'X', 'F', 1, 1, 2, 0x1E, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 1, 1, 0, 0, 0, (byte) 0xF4});
        Path mine = dir.resolve("mine.binfmt");
        toyisa("binfmt", "--registry", mine.toString(), "--disable", "toyisa-intellio");
        assertTrue(toyisa("exec", "--machine", "armistice", txf.toString()).endsWith("--- exit status 0\n"), "the default registry emulates it");
        String refused = toyisa("exec", "--registry", mine.toString(), "--machine", "armistice", txf.toString());
        assertTrue(refused.contains("exec format error") && refused.endsWith("--- exit status 126\n"), refused);
    }

    @Test
    void exportWritesFormatFilesAndSaysHowToImportThem() throws IOException {
        String r = toyisa("binfmt", "--export", dir.resolve("formats").toString(), "--prefix", dir.resolve("prefix").toString());
        String note = "toyisa binfmt: note: $DIR/prefix/libexec/toyisa/%s is not installed here: scripts/install-binfmt --prefix $DIR/prefix"
                + " installs toyisa's interpreters (without the sources: toyisa binfmt --install-script > install-binfmt; sudo bash install-binfmt)\n";
        assertEquals("$ toyisa binfmt --export $DIR/formats --prefix $DIR/prefix\n$DIR/formats/toyisa-intellio\n$DIR/formats/toyisa-woz\n"
                + "$DIR/formats/toyisa-armistice\n--- stderr\n"
                + "toyisa binfmt: exported 3 entries; update-binfmts --importdir $DIR/formats --import NAME reads one\n"
                + String.format(note, "toyisa-emulate-intellio") + String.format(note, "toyisa-woz") + String.format(note, "toyisa-emulate-armistice")
                + "--- exit status 0\n", r);
        assertEquals("package toyisa\ninterpreter " + dir.resolve("prefix/libexec/toyisa/toyisa-emulate-intellio") + "\nmagic \\x7f\\x54\\x58\\x46\\x01\\x01\\x02\\x1e\n"
                + "mask \\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\noffset 0\n",
                Files.readString(dir.resolve("formats/toyisa-intellio")));
        assertEquals("package toyisa\ninterpreter " + dir.resolve("prefix/libexec/toyisa/toyisa-emulate-armistice") + "\nmagic \\x7f\\x54\\x58\\x46\\x01\\x02\\x02\\xa7\n"
                + "mask \\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\noffset 0\n",
                Files.readString(dir.resolve("formats/toyisa-armistice")));
    }
}
