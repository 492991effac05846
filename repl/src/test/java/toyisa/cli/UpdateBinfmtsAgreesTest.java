package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code toyisa binfmt} teaches is what Debian's real {@code update-binfmts} does: the exported
 * format files import, and the real {@code --display NAME} then prints exactly toyisa's; the line the
 * real tool writes to the kernel's register file is toyisa's {@code --register-line}; the real
 * {@code --find} names the interpreter toyisa's does.
 *
 * <p>The real tool only ever sees private folders: {@code --admindir} and {@code --importdir} in a
 * temporary directory, and its (test-suite) {@code --procdir} pointed at a temporary folder holding a
 * plain file named {@code register}, so the tool believes binfmt_misc is mounted there, never mounts
 * anything and writes its register line into that file instead of the kernel. An entry toyisa has
 * enabled gets the file {@code proc/NAME}, which the kernel would create on registration.
 */
class UpdateBinfmtsAgreesTest {
    @TempDir
    Path dir;

    private HostTool updateBinfmts;
    private Path importDir, adminDir, procDir;

    @BeforeEach
    void privateFolders() throws IOException {
        updateBinfmts = HostTool.find("update-binfmts");
        assumeTrue(updateBinfmts != null, HostTool.missing("update-binfmts", "binfmt-support"));
        importDir = dir.resolve("import");
        adminDir = Files.createDirectories(dir.resolve("admin"));
        procDir = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(procDir.resolve("register"), "");
        Files.writeString(procDir.resolve("status"), "");
        System.setProperty("toyisa.binfmt", dir.resolve("registry").toString());
    }

    @AfterEach
    void forgetRegistry() {
        System.clearProperty("toyisa.binfmt");
    }

    /**
     * Where toyisa's interpreters are installed for these tests, as scripts/install-binfmt would
     * (executables at PREFIX/libexec/toyisa/NAME), so that the real tool finds each one.
     */
    private String prefix() throws IOException {
        Path prefix = dir.resolve("prefix");
        for (String name : Interpreters.names()) {
            Path p = prefix.resolve("libexec/toyisa").resolve(name);
            Files.createDirectories(p.getParent());
            if (!Files.exists(p)) Files.writeString(p, "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        return prefix.toString();
    }

    /** toyisa's display with each of its interpreter names as the path the real tool was given. */
    private String installed(String display) throws IOException {
        String prefix = prefix();
        StringBuilder sb = new StringBuilder();
        for (String line : display.split("\n", -1)) {
            String name = line.startsWith(" interpreter = ") ? line.substring(" interpreter = ".length()) : null;
            sb.append(name != null && Interpreters.find(name) != null ? " interpreter = " + prefix + "/libexec/toyisa/" + name : line);
            sb.append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private String toyisa(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    /** The real tool, always confined to the private folders. */
    private HostTool.Result real(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--importdir", importDir.toString(), "--admindir", adminDir.toString(),
                "--procdir", procDir.toString()));
        all.addAll(List.of(args));
        for (String a : all) assertTrue(!a.startsWith("/") || a.startsWith(dir.toString()), "outside the private folders: " + a);
        HostTool.Result r = updateBinfmts.run(all.toArray(String[]::new));
        assertEquals(0, r.status(), "update-binfmts " + String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void theRealToolImportsTheExportAndDisplaysItExactly() throws Exception {
        // Three more kinds of entry beside the preinstalled one: an extension with a flag, a magic at
        // an offset with a mask and every flag binfmt-support can say, and a disabled one.
        // (Not .woz: toyisa-woz has it, and update-binfmts registers two entries with the same
        // specification through its run-detectors helper instead of their interpreters.)
        toyisa("binfmt", "--install", "pasm", dir.resolve("run-pasm").toString(), "--extension", "pasm", "--preserve", "yes");
        toyisa("binfmt", "--install", "armistice-any", dir.resolve("run-armistice").toString(), "--magic", "TXF\\x01\\x02",
                "--mask", "\\xff\\xff\\xff\\xff\\xfe", "--offset", "1", "--flags", "CPF", "--package", "toyisa-extra");
        toyisa("binfmt", "--install", "off", dir.resolve("off").toString(), "--magic", "\\x00\\x01");
        toyisa("binfmt", "--disable", "off");
        for (String own : List.of("run-pasm", "run-armistice", "off")) {
            Path p = Files.writeString(dir.resolve(own), "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
        toyisa("binfmt", "--export", importDir.toString(), "--prefix", prefix());

        for (String name : List.of("toyisa-intellio", "toyisa-woz", "toyisa-armistice", "pasm", "armistice-any", "off")) {
            HostTool.Result imported = real("--import", name);
            assertFalse(imported.err().contains("warning"), name + ": " + imported.err());
            String line = Files.readString(procDir.resolve("register"));
            assertEquals(toyisa("binfmt", "--register-line", name, "--prefix", prefix()), line, name + ": the line written to the register file");
            if (toyisa("binfmt", "--display", name).contains("(enabled):"))
                Files.writeString(procDir.resolve(name), "enabled\n"); // what the kernel creates for a registered entry
            assertEquals(installed(toyisa("binfmt", "--display", name)), real("--display", name).out(), name + ": --display");
        }
        assertEquals(installed(toyisa("binfmt", "--display")), real("--display").out(), "--display of every entry");
    }

    @Test
    void theRealFindNamesTheSameInterpreter() throws Exception {
        Path txf = dir.resolve("p.txf");
        Files.write(txf, new byte[] {0x7F, 'T', 'X', 'F', 1, 1, 3, 0x1E, 0, 1, 0, 0});
        toyisa("binfmt", "--export", importDir.toString(), "--prefix", prefix());
        real("--import", "toyisa-intellio");
        Files.writeString(procDir.resolve("toyisa-intellio"), "enabled\n");
        String explained = toyisa("binfmt", "--find", txf.toString());
        assertTrue(explained.endsWith("interpreter: toyisa-emulate-intellio (entry toyisa-intellio)\n"), explained);
        assertEquals(prefix() + "/libexec/toyisa/toyisa-emulate-intellio\n", real("--find", txf.toString()).out());
    }
}
