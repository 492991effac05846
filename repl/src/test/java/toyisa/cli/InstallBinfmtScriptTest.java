package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install-binfmt --dry-run} changes nothing and shows, through the real
 * {@code update-binfmts --test}, the entry it would install and the kernel line — the same line
 * {@code toyisa binfmt --register-line} gives for that entry. (The script itself, without
 * --dry-run, is for a student's own machine and never runs here.)
 */
class InstallBinfmtScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "install-binfmt");

    @TempDir
    Path dir;

    @BeforeEach
    void privateRegistry() {
        assumeTrue(HostTool.find("update-binfmts") != null, HostTool.missing("update-binfmts", "binfmt-support"));
        assumeTrue(HostTool.find("bash") != null, "bash is not installed here");
        System.setProperty("toyisa.binfmt", dir.resolve("registry").toString());
    }

    @AfterEach
    void forgetRegistry() {
        System.clearProperty("toyisa.binfmt");
    }

    @Test
    void aDryRunShowsTheKernelLineAndChangesNothing() throws Exception {
        Path admin = Files.createDirectories(dir.resolve("admin")), proc = Files.createDirectories(dir.resolve("proc"));
        Path prefix = dir.resolve("prefix");
        Path jar = HostTool.thinJar(Files.createDirectories(dir.resolve("jar")));
        HostTool.Result r = HostTool.find("bash").run(SCRIPT.toString(), "--dry-run", "--prefix", prefix.toString(), "--jar", jar.toString(),
                "--admindir", admin.toString(), "--procdir", proc.toString());
        assertEquals(0, r.status(), r.err());
        String interpreter = prefix.resolve("libexec/toyisa/run-txf").toString();
        assertTrue(r.out().contains("would write " + interpreter + ":\n"), r.out());
        assertTrue(r.out().contains("install the following binary format description:\n"), r.out());

        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, Toyisa.execute(new String[] {"binfmt", "--install", "toyisa-txf", interpreter, "--magic", "\\x7fTXF\\x01",
            "--package", "toyisa"}, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, Toyisa.execute(new String[] {"binfmt", "--register-line", "toyisa-txf"}, new PrintWriter(out, true),
                new PrintWriter(err, true)), err.toString());
        assertTrue(r.out().contains("enable toyisa-txf with the following format string:\n " + out), r.out());

        assertFalse(Files.exists(prefix), "a dry run writes no interpreter");
        try (Stream<Path> a = Files.list(admin); Stream<Path> p = Files.list(proc)) {
            assertEquals(0, a.count() + p.count(), "a dry run changes neither update-binfmts' database nor binfmt_misc");
        }
    }

    @Test
    void theScriptFromTheJarAloneInstallsEveryInterpreterTheRegistryNames() throws Exception {
        // the script as the jar prints it, in a folder that is no source checkout
        StringWriter script = new StringWriter(), err = new StringWriter();
        assertEquals(0, Toyisa.execute(new String[] {"binfmt", "--install-script"}, new PrintWriter(script, true), new PrintWriter(err, true)));
        Path alone = Files.createDirectories(dir.resolve("download"));
        Path copy = Files.writeString(alone.resolve("install-binfmt"), script.toString());
        Path jar = HostTool.thinJar(alone);
        Path admin = Files.createDirectories(dir.resolve("admin")), proc = Files.createDirectories(dir.resolve("proc"));
        Path prefix = dir.resolve("prefix");
        HostTool.Result r = HostTool.find("bash").run(copy.toString(), "--dry-run", "--prefix", prefix.toString(), "--jar", jar.toString(),
                "--admindir", admin.toString(), "--procdir", proc.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("would copy " + jar + " to " + prefix.resolve("lib/toyisa/toyisa.jar")), r.out());
        for (toyisa.vm.exec.BinfmtEntry e : toyisa.vm.exec.BinfmtRegistry.defaults().entries()) {
            assertTrue(Interpreters.find(e.interpreter()) != null, e.name() + " names an interpreter toyisa has");
            String path = toyisa.vm.exec.BinfmtRegistry.hostInterpreter(e.interpreter(), prefix);
            assertTrue(r.out().contains("would write " + path + ":\n"), e.name() + ":\n" + r.out());
            assertTrue(r.out().contains("exec --machine " + Interpreters.find(e.interpreter()).host().id() + " --interpreter " + e.interpreter()),
                    r.out());
        }
        assertFalse(Files.exists(prefix), "a dry run writes nothing");
    }

    @Test
    void anInstalledInterpreterRunsItsFileAsTheKernelHandsIt() throws Exception {
        // what PREFIX/libexec/toyisa/toyisa-emulate-intellio runs: exec --machine armistice --interpreter NAME FILE
        var a = toyisa.asm.Assembler.assemble("p.pasm", "mov a, 10h\nmov c, 42\nint 13h\nhalt\n", toyisa.isa.Isa.byName("intellio"));
        Path txf = Files.write(dir.resolve("p.txf"), a.toTxf());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Toyisa.execute(new String[] {"exec", "--machine", "armistice", "--interpreter", "toyisa-emulate-intellio", txf.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        assertEquals("42", out.toString().strip());
    }

    @Test
    void anEmptyRegistryFileSaysItMeansNoEntries() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.binfmt"), "");
        StringWriter out = new StringWriter(), err = new StringWriter();
        Toyisa.execute(new String[] {"binfmt", "--registry", empty.toString(), "--display"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(err.toString().contains("is empty: no entries"), err.toString());
        var a = toyisa.asm.Assembler.assemble("p.pasm", "halt\n", toyisa.isa.Isa.byName("intellio"));
        Path txf = Files.write(dir.resolve("p.txf"), a.toTxf());
        err.getBuffer().setLength(0);
        Toyisa.execute(new String[] {"exec", "--registry", empty.toString(), "--machine", "armistice", txf.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(err.toString().contains("exec format error") && err.toString().contains("is empty: no entries"), err.toString());
    }

    @Test
    void aMistakeIsAMessage() throws Exception {
        HostTool.Result r = HostTool.find("bash").run(SCRIPT.toString(), "--dry-run", "--prefix", "relative/dir");
        assertEquals(2, r.status());
        assertEquals("install-binfmt: --prefix must be an absolute path (the kernel runs the interpreter by its full path)\n", r.err());
    }
}
