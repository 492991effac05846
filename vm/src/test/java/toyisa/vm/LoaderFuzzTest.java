package toyisa.vm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.container.FormatException;
import toyisa.isa.Isa;

/**
 * Coverage-guided fuzzing of the TXF and fat loader and of a run: any file either loads or is a
 * format error with a message; what loads runs on either CPU to a defined ending within its budget.
 */
class LoaderFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anyFileLoadsOrIsAFormatErrorAndRunsToAnEnding(FuzzedDataProvider data) {
        byte[] file = data.consumeRemainingAsBytes();
        for (Isa cpu : Isa.all()) {
            Program p;
            try {
                p = Loader.load(file, cpu);
            } catch (FormatException e) {
                assertNotNull(e.getMessage());
                assertTrue(!e.getMessage().isBlank());
                continue;
            }
            Machine m = Machine.create(cpu);
            m.load(p);
            m.setBudget(2000);
            m.setOutputCap(256);
            m.setInput("12\nab");
            RunResult r = m.run();
            assertTrue(r.outcome().isFinal(), r.outcome().toString());
            assertTrue(r.output().length() <= 256);
            assertTrue(r.steps() <= 2000);
        }
    }
}
