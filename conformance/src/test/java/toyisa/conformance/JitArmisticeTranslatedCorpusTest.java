package toyisa.conformance;

import toyisa.armistice.Armistice;
import toyisa.jit.Jit;
import toyisa.translate.Emulator;

/** The golden corpus translated to Intellio code and that host code compiled by the jit engine on its first entry. */
class JitArmisticeTranslatedCorpusTest extends ArmisticeTranslatedCorpusTest {
    @Override
    protected String backend() {
        return "the translator onto Intellio on the jit engine";
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        Emulator.Options o = Emulator.options().guest(Armistice.ISA).budget(BUDGET).input(input)
                .onHost(cpu -> Jit.attach(cpu.core(), Jit.Options.DEFAULT.withThreshold(1)));
        return Observed.of(Emulator.run(binary, o).result());
    }
}
