package toyisa.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * Coverage-guided fuzzing of the translator against the Intellio interpreter: any bytes run
 * translated exactly as interpreted — outcome, status, output, steps, registers, flags, report and
 * all 64 KiB of memory.
 */
class TranslatorFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anyBytesRunTranslatedAsInterpreted(FuzzedDataProvider data) {
        int budget = data.consumeInt(1, 5000);
        String input = data.consumeString(16);
        byte[] program = data.consumeRemainingAsBytes();
        if (program.length == 0 || program.length > 0x10000 - Machine.LOAD_ADDRESS) return;
        Machine m = Machine.create(Intellio.ISA);
        m.loadRaw(program);
        m.setBudget(budget);
        m.setInput(input);
        m.setOutputCap(200);
        RunResult want = m.run();
        Emulator.Result got = Emulator.run(program, Emulator.options().budget(budget).input(input).outputCap(200));
        RunResult r = got.result();
        assertEquals(want.exitStatus(), r.exitStatus());
        assertEquals(want.output(), r.output());
        assertEquals(want.steps(), r.steps());
        assertEquals(want.state().toString(), r.state().toString());
        assertEquals(want.report(), r.report());
        assertArrayEquals(m.readMemory(0, 0x10000), got.memory());
    }
}
