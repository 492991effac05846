package toyisa.conformance;

import java.util.List;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.translate.Emulator;
import toyisa.vm.Jit;

/**
 * The golden corpus translated to Armistice code and that host code compiled by the jit engine on
 * its first entry: Intellio code becomes Armistice code becomes JVM bytecode, with the Intellio
 * interpreter's run (its goldens, as {@link TranslatedCorpusTest}).
 */
class JitTranslatedCorpusTest extends CorpusSuite {
    @Override
    protected Isa target() {
        return Intellio.ISA;
    }

    @Override
    protected String backend() {
        return "the translator on the jit engine";
    }

    @Override
    protected boolean hasOwnReports() {
        return false; // held to the translator's
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        Emulator.Options o = Emulator.options().budget(BUDGET).input(input)
                .onHost(cpu -> Jit.attach(cpu, Jit.Options.DEFAULT.withThreshold(1)));
        return Observed.of(Emulator.run(binary, o).result());
    }

    @Override
    protected List<String> reportGoldens(String name) {
        return List.of(name + ".translated.report", name + ".intellio.report"); // the translator's goldens
    }
}
