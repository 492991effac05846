package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;

/**
 * The commands instructors script against, run on the seed's Print(42) and compared with golden
 * files in {@code src/test/resources/cli/} (standard output, then standard error, then the exit
 * status). Regenerate with {@code -Dtoyisa.regenerate=true} and review the diff.
 */
class CommandGoldenTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void build() throws IOException {
        System.setProperty("toyisa.binfmt", dir.resolve("binfmt").toString());
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Assembly a = Assembler.assemble("print42.pasm", DemoCommand.PRINT_42, Isa.byName(cpu));
            assertTrue(a.ok(), a.formatDiagnostics());
            Files.write(dir.resolve("print42." + cpu + ".bin"), a.binary());
            Files.write(dir.resolve("print42." + cpu + ".txf"), a.toTxf());
        }
    }

    @AfterAll
    static void forgetRegistry() {
        System.clearProperty("toyisa.binfmt");
    }

    private static String toyisa(String... args) {
        return Goldens.run(args).replace(dir.toString(), "$DIR");
    }

    private static String bin(String cpu) {
        return dir.resolve("print42." + cpu + ".bin").toString();
    }

    private static String txf(String cpu) {
        return dir.resolve("print42." + cpu + ".txf").toString();
    }

    @Test
    void nativeRunsPrint42() throws IOException {
        Goldens.check("run-armistice-native", toyisa("run", "--cpu", "armistice", bin("armistice")));
        Goldens.check("run-intellio-native", toyisa("run", "--cpu", "intellio", bin("intellio")));
    }

    /** isa.md section 4: and r10, 1022h, then an illegal instruction at 0104h; nothing printed; 132. */
    @Test
    void intellioBinaryCrashesOnArmistice() throws IOException {
        Goldens.check("run-intellio-on-armistice", toyisa("run", "--trace", "--cpu", "armistice", bin("intellio")));
    }

    /** isa.md section 4: seven wrong instructions, then an illegal instruction at 010Ch; 132. */
    @Test
    void armisticeBinaryCrashesOnIntellio() throws IOException {
        Goldens.check("run-armistice-on-intellio", toyisa("run", "--trace", "--cpu", "intellio", bin("armistice")));
    }

    @Test
    void compareShowsTheMisdecodeSideBySide() throws IOException {
        String intellio = toyisa("compare", "--color=never", bin("intellio"));
        assertTrue(intellio.endsWith("--- exit status 0\n"), intellio);
        Goldens.check("compare-intellio-binary", intellio);
        Goldens.check("compare-armistice-binary", toyisa("compare", "--color=never", bin("armistice")));
    }

    @Test
    void disassemblyAsEitherCpuSeesIt() throws IOException {
        Goldens.check("disasm-intellio-txf", toyisa("disasm", txf("intellio")));
        Goldens.check("disasm-intellio-txf-as-armistice", toyisa("disasm", "--cpu", "armistice", txf("intellio")));
    }

    /**
     * The card's example of every form of each table, split into its fields; the page's X-ray is
     * held to these goldens too (web/test/api.test.mjs).
     */
    @Test
    void disasmFieldsSplitsEveryFormOfBothTables() throws IOException {
        for (toyisa.isa.Isa isa : toyisa.isa.Isa.all()) {
            Path every = dir.resolve("every-form." + isa.id() + ".bin");
            Files.write(every, toyisa.isa.ReferenceCard.everyForm(isa.table()));
            String view = toyisa("disasm", "--fields", "--cpu", isa.id(), every.toString());
            org.junit.jupiter.api.Assertions.assertEquals(isa.table().rows().size(), view.split("\n       card \\| ", -1).length - 1,
                    isa.name() + ": one card row per form");
            Goldens.check("disasm-fields-" + isa.id(), view);
        }
        Goldens.check("disasm-fields-misread", toyisa("disasm", "--fields", "--cpu", "armistice", bin("intellio")));
    }

    @Test
    void execRefusesAForeignTxfWhenNoEntryMatches() throws IOException {
        toyisa("binfmt", "--disable", "toyisa-intellio");
        Goldens.check("exec-foreign-txf", toyisa("exec", "--machine", "armistice", txf("intellio")));
        toyisa("binfmt", "--enable", "toyisa-intellio");
        // The preinstalled entry hands it to the emulator: Print(42) runs translated on Armistice.
        Goldens.check("exec-foreign-txf-emulated", toyisa("exec", "--machine", "armistice", txf("intellio")));
        Goldens.check("exec-native-txf", toyisa("exec", "--machine", "intellio", txf("intellio")));
    }

    @Test
    void binfmtDisplaysLikeUpdateBinfmts() throws IOException {
        Goldens.check("binfmt-display", toyisa("binfmt", "--display"));
    }

    @Test
    void demoTellsTheWholeStory() throws IOException {
        String demo = toyisa("demo", "--color=never");
        assertTrue(demo.endsWith("--- exit status 0\n"), demo);
        assertTrue(demo.contains("\n    42\n"), "the translated run prints 42: " + demo);
        Goldens.check("demo", demo);
    }

    /** demo --act N shows one act; demo FILE tells the story on any program; every line fits 100 columns. */
    @Test
    void demoOnAnyProgramOneActAtATime() throws IOException {
        String act = toyisa("demo", "--color=never", "--act", "4");
        Goldens.check("demo-act-4", act);
        String hello = toyisa("demo", "--color=never", Path.of("..", "examples", "hello.pasm").toString());
        Goldens.check("demo-hello", hello);
        for (String out : new String[] {act, hello, toyisa("demo", "--color=never")}) {
            for (String line : out.split("\n")) assertTrue(line.length() <= DemoCommand.WIDTH, line.length() + ": " + line);
        }
    }

    @Test
    void badInputGetsAMessageNotAStackTrace() throws IOException {
        Goldens.check("usage-errors", toyisa("run", "--cpu", "z80", bin("intellio"))
                + toyisa("run", bin("intellio"))
                + toyisa("run", "--cpu", "armistice", dir.resolve("missing.bin").toString())
                + toyisa("disasm", dir.toString())
                + toyisa("binfmt", "--enable", "no-such-entry"));
    }

    /** A fat file holds a slice per CPU: run and disasm without --cpu say so and how to pick one. */
    @Test
    void aFatFileWithoutCpuSaysItHoldsTwoSlices() throws IOException {
        toyisa.asm.FatAssembly fat = Assembler.assembleFat("print42.pasm", DemoCommand.PRINT_42, toyisa.asm.IncludeResolver.NONE);
        Path file = dir.resolve("print42.fat");
        Files.write(file, fat.bytes());
        Goldens.check("fat-without-cpu", toyisa("run", file.toString()) + toyisa("disasm", file.toString()));
    }

    @Test
    void exercisesAreListedAndChecked() throws IOException {
        Path poly = dir.resolve("polyglot.hex");
        Files.writeString(poly, "20 10 22 2A CD 13 F4\n");
        Goldens.check("exercise-list", toyisa("exercise", "list"));
        Goldens.check("exercise-check-polyglot", toyisa("exercise", "check", "polyglot", poly.toString()));
    }

    @Test
    void hexTextIsReadAsTheBytesItSpells() throws IOException {
        Path hex = dir.resolve("print42.hex");
        Files.writeString(hex, "20 10 22 2A   ; mov a, 10h / mov c, 42\nCD 13 F4     ; int 13h / hlt\n");
        Goldens.check("run-hex-text", toyisa("run", "--cpu", "intellio", hex.toString()));
        Goldens.check("disasm-hex-text", toyisa("disasm", "--cpu", "armistice", hex.toString()));
        Path source = dir.resolve("print42.pasm");
        Files.writeString(source, DemoCommand.PRINT_42);
        Goldens.check("run-source-text", toyisa("run", "--cpu", "intellio", source.toString()));
    }

    @Test
    void theExampleCourseAsAnInstructorSeesIt() throws IOException {
        String course = Path.of("..", "courses", "example").toString();
        Goldens.check("exercise-validate-example", toyisa("exercise", "--course", course, "validate"));
        Goldens.check("exercise-show-factorial", toyisa("exercise", "show", "factorial"));
    }

    /**
     * The common ways a student's program dies, each named in the crash report with a hint, as
     * run, exec and the emulator report it: a missing halt, data placed before the code, a push
     * without its pop before a ret, a recursion without a base case.
     */
    @Test
    void eachStudentDeathIsNamedWithAHint() throws IOException {
        for (String death : new String[] {"no-halt", "data-first", "unbalanced", "no-base-case"}) {
            Path src = Path.of("src", "test", "resources", "cli", "deaths", death + ".pasm");
            StringBuilder all = new StringBuilder();
            for (String cpu : new String[] {"armistice", "intellio"}) {
                Assembly a = Assembler.assemble(death + ".pasm", Files.readString(src), Isa.byName(cpu));
                assertTrue(a.ok(), a.formatDiagnostics());
                Path txf = dir.resolve(death + "." + cpu + ".txf");
                Files.write(txf, a.toTxf());
                all.append("$ toyisa run ").append(txf.getFileName()).append('\n').append(toyisa("run", txf.toString()));
            }
            Path itl = dir.resolve(death + ".intellio.txf");
            all.append("$ toyisa emulate ").append(itl.getFileName()).append('\n').append(toyisa("emulate", itl.toString()));
            all.append("$ toyisa exec --machine armistice ").append(itl.getFileName()).append('\n')
               .append(toyisa("exec", "--machine", "armistice", itl.toString()));
            Goldens.check("death-" + death, all.toString());
        }
    }

    @Test
    void aCorruptTxfIsAFormatError() throws IOException {
        byte[] txf = Files.readAllBytes(Path.of(txf("intellio")));
        Path broken = dir.resolve("broken.txf");
        Files.write(broken, java.util.Arrays.copyOf(txf, 12));
        String result = toyisa("run", broken.toString());
        assertTrue(result.contains("--- exit status 2"), result);
        assertTrue(!result.contains("Exception"), result);
    }
}
