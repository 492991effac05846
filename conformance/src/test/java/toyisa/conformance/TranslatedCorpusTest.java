package toyisa.conformance;

import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.translate.Emulator;
import toyisa.vm.RunResult;

/** The golden corpus, assembled for Intellio and run translated on the Armistice core. */
class TranslatedCorpusTest extends CorpusSuite {
    @Override
    protected Isa target() {
        return Intellio.ISA;
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        RunResult r = Emulator.run(binary, Emulator.options().budget(BUDGET).input(input)).result();
        return new Observed(r.output(), r.exitStatus());
    }
}
