package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * Golden translation logs of representative guest blocks: {@code translate/NAME.pasm} is assembled
 * for Intellio and run translated; its log (each guest block, then its host code, then the counts)
 * and its output must equal {@code translate/NAME.log}, and the run must end as on the interpreter.
 * The same sources assembled for Armistice and translated onto Intellio have theirs in
 * {@code translate/armistice/}. Regenerate with {@code -Dtoyisa.regenerate=true} and review the diff.
 */
class TranslationLogTest {
    private static final Path DIR = Paths.get("src/test/resources/translate");

    @ParameterizedTest
    @ValueSource(strings = {"print42", "countdown", "words", "carry", "call", "selfmod"})
    void logIsGolden(String name) throws IOException {
        check(name, Intellio.ISA, DIR);
    }

    /** The other direction: the blocks as Armistice code and the Intellio code made for them. */
    @ParameterizedTest
    @ValueSource(strings = {"print42", "countdown", "words", "call", "selfmod"})
    void armisticeOnIntellioLogIsGolden(String name) throws IOException {
        check(name, toyisa.armistice.Armistice.ISA, DIR.resolve("armistice"));
    }

    private static void check(String name, toyisa.isa.Isa guest, Path dir) throws IOException {
        String source = Files.readString(DIR.resolve(name + ".pasm"), StandardCharsets.UTF_8);
        Assembly asm = Assembler.assemble(name + ".pasm", source, guest);
        assertTrue(asm.ok(), asm::formatDiagnostics);
        Emulator.Result r = Emulator.run(asm.binary(), Emulator.options().guest(guest).budget(10_000).log(true));
        String actual = "--- output\n" + r.result().output() + "--- exit status " + r.result().exitStatus() + "\n--- log\n" + r.log();

        Machine m = Machine.create(guest);
        m.loadRaw(asm.binary());
        m.setBudget(10_000);
        RunResult want = m.run();
        assertEquals(want.output(), r.result().output(), name + ": output as on the interpreter");
        assertEquals(want.state().toString(), r.result().state().toString(), name + ": final state as on the interpreter");

        Path golden = dir.resolve(name + ".log");
        if (Boolean.getBoolean("toyisa.regenerate")) {
            Files.createDirectories(dir);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) fail(golden + " is missing: run with -Dtoyisa.regenerate=true and review it");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, name + ".log");
    }
}
