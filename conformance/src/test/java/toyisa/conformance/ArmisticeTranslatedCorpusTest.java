package toyisa.conformance;

import toyisa.armistice.Armistice;
import toyisa.isa.Isa;
import toyisa.translate.Emulator;

/**
 * The golden corpus, assembled for Armistice and run translated on the Intellio core: output, exit
 * status and report held to the Armistice interpreter's goldens ({@code NAME.armistice.report}).
 */
class ArmisticeTranslatedCorpusTest extends CorpusSuite {
    @Override
    protected Isa target() {
        return Armistice.ISA;
    }

    @Override
    protected String backend() {
        return "the translator onto Intellio";
    }

    @Override
    protected boolean hasOwnReports() {
        return false; // held to the Armistice interpreter's
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        return Observed.of(Emulator.run(binary, Emulator.options().guest(Armistice.ISA).budget(BUDGET).input(input)).result());
    }
}
