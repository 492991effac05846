package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.isa.Isa;
import toyisa.vm.Machine;
import toyisa.vm.Outcome;
import toyisa.vm.RunResult;

/** The programs of examples/ (and of docs/tutorial.md) do what their comments say, on both CPUs. */
class ExamplesTest {
    private static final Path DIR = Path.of("..", "examples");

    private static String run(String name, Isa isa, String input) throws IOException {
        Assembly a = Assembler.assemble(name, Files.readString(DIR.resolve(name)), isa);
        assertTrue(a.ok(), a.formatDiagnostics());
        assertTrue(a.warnings().isEmpty(), a.formatDiagnostics());
        Machine m = Machine.create(isa);
        m.loadRaw(a.binary());
        m.setInput(input);
        RunResult r = m.run();
        assertEquals(Outcome.HALT, r.outcome(), name + " on " + isa.name() + ":\n" + r.report());
        return r.output();
    }

    @Test
    void helloPrintsItsGreetingTwice() throws IOException {
        for (Isa isa : Isa.all()) assertEquals("Hello from toyisa!\n".repeat(2), run("hello.pasm", isa, ""));
    }

    @Test
    void sumAddsTheNumbersItReads() throws IOException {
        for (Isa isa : Isa.all()) assertEquals("12\n", run("sum.pasm", isa, "3\n4\n5\n"));
    }

    @Test
    void factorialOfFiveIs120() throws IOException {
        for (Isa isa : Isa.all()) assertEquals("120\n", run("factorial.pasm", isa, "5\n"));
    }
}
