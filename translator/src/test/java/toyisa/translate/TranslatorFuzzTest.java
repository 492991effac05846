package toyisa.translate;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.vm.Machine;

/**
 * Coverage-guided fuzzing of the translator against the Intellio interpreter: any bytes, budget and
 * input run translated exactly as interpreted — outcome, status, output, steps, registers, flags,
 * report and all 64 KiB of memory ({@link SameRun}).
 */
class TranslatorFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anyBytesRunTranslatedAsInterpreted(FuzzedDataProvider data) {
        int budget = data.consumeInt(1, 5000);
        String input = data.consumeString(16);
        byte[] program = data.consumeRemainingAsBytes();
        if (program.length == 0 || program.length > 0x10000 - Machine.LOAD_ADDRESS) return;
        SameRun.assertSameAsInterpreter(program, budget, input, 200);
    }
}
