package toyisa.bench;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import toyisa.vm.Engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every suite program, once, on every CPU and engine, at one repetition: each must halt and print its
 * checked result. No timing here: speed is measured by {@code bench/run} and JMH, never by a test.
 */
class SuiteSmokeTest {
    @TestFactory
    List<DynamicTest> everyProgramPrintsItsResultOnEveryEngine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BenchProgram p : Suite.all()) {
            for (String[] config : SuiteTable.configurations()) {
                tests.add(DynamicTest.dynamicTest(p.name() + " on " + config[0] + " " + config[1], () -> {
                    Runner r = Runner.prepare(p, config[0], Engine.byLabel(config[1]), 1);
                    long steps = r.run();
                    r.check();
                    assertTrue(steps > 1000, "a benchmark does real work");
                }));
            }
        }
        return tests;
    }

    /** Both CPUs run the same portable program: the same number of instructions (no lowering needs more than one). */
    @Test
    void bothCpusExecuteTheSameNumberOfInstructions() {
        for (BenchProgram p : Suite.all()) {
            long a = Runner.prepare(p, "armistice", Engine.INTERPRETER, 2).run();
            long i = Runner.prepare(p, "intellio", Engine.INTERPRETER, 2).run();
            assertEquals(a, i, p.name());
        }
    }

    @Test
    void scalingRewritesOnlyTheRepeatCount() {
        BenchProgram p = Suite.named("fib");
        assertTrue(p.source(7).contains(".equ REPEAT, 7"));
        assertEquals(p.source().length() - Integer.toString(p.fullRepeat()).length() + 1, p.source(7).length());
        assertEquals(p.fullRepeat(), p.repeat(1.0));
        assertEquals(1, p.repeat(1e-9));
    }
}
