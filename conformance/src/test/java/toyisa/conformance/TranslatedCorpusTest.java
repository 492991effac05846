package toyisa.conformance;

import java.util.List;
import toyisa.intellio.Intellio;
import toyisa.isa.Isa;
import toyisa.translate.Emulator;

/**
 * The golden corpus, assembled for Intellio and run translated on the Armistice core.
 *
 * <p>The translator promises the Intellio interpreter's run, report included: a fault names the
 * guest's PC, bytes, instruction and registers, and the postmortem is the interpreter's (found by
 * replaying the guest there); a hang names the guest's loop. So the expected report is
 * {@code NAME.intellio.report}. Should the two ever rightly differ, {@code NAME.translated.report}
 * holds the translator's own; regeneration writes one only when the translated report differs
 * from the interpreter's, and removes it when they agree again.
 */
class TranslatedCorpusTest extends CorpusSuite {
    @Override
    protected Isa target() {
        return Intellio.ISA;
    }

    @Override
    protected String backend() {
        return "the translator";
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        return Observed.of(Emulator.run(binary, Emulator.options().budget(BUDGET).input(input)).result());
    }

    @Override
    protected List<String> reportGoldens(String name) {
        return List.of(name + ".translated.report", name + ".intellio.report");
    }

    @Override
    protected boolean needsNoOwnReport(String name, byte[] binary, String input, String report) {
        return report.equals(InterpreterCorpus.interpret(Intellio.ISA, binary, input).report());
    }
}
