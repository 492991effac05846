package toyisa.conformance;

import toyisa.jit.Jit;
import toyisa.translate.Emulator;

/**
 * The golden corpus translated to Armistice code and that host code compiled by the jit engine on
 * its first entry: Intellio code becomes Armistice code becomes JVM bytecode, with the translator's
 * run and its goldens ({@link TranslatedCorpusTest}).
 */
class JitTranslatedCorpusTest extends TranslatedCorpusTest {
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
                .onHost(cpu -> Jit.attach(cpu.core(), Jit.Options.DEFAULT.withThreshold(1)));
        return Observed.of(Emulator.run(binary, o).result());
    }
}
