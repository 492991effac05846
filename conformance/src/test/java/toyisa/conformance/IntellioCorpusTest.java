package toyisa.conformance;

import toyisa.intellio.Intellio;
import toyisa.isa.Isa;

/** The golden corpus on the Intellio interpreter. */
class IntellioCorpusTest extends InterpreterCorpus {
    @Override
    protected Isa target() {
        return Intellio.ISA;
    }
}
