package toyisa.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/**
 * A debugging aid for the differential test, skipped unless {@code -Dtoyisa.seed=N}: finds the first
 * budget at which the translated run of that program differs from the interpreter, and prints the
 * translation log of that run.
 */
class SeedRunner {
    @Test
    @EnabledIfSystemProperty(named = "toyisa.seed", matches = ".+")
    void seed() {
        String s = System.getProperty("toyisa.seed");
        long seed = Long.parseLong(s);
        byte[] p = Boolean.getBoolean("toyisa.differential.selfModifying") ? RandomPrograms.generateSelfModifying(seed) : RandomPrograms.generate(seed);
        for (long budget = 1; budget <= DifferentialTest.BUDGET; budget++) {
            Machine m = Machine.create(Intellio.ISA);
            m.loadRaw(p);
            m.setBudget(budget);
            m.setInput(DifferentialTest.INPUT);
            m.setOutputCap(200);
            RunResult want = m.run();
            Emulator.Result got = Emulator.run(p, Emulator.options().budget(budget).input(DifferentialTest.INPUT).outputCap(200).log(true));
            String w = want.state() + " " + want.outcome(), g = got.result().state() + " " + got.result().outcome();
            if (!w.equals(g)) {
                System.out.println("first difference at budget " + budget + "\n want " + w + "\n got  " + g);
                System.out.println(got.log());
                return;
            }
            if (want.outcome() != toyisa.vm.Outcome.BUDGET) break;
        }
        System.out.println("no difference in the state");
    }
}
