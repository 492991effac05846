package toyisa.conformance;

import toyisa.armistice.Armistice;
import toyisa.isa.Isa;

/** The golden corpus on the Armistice interpreter. */
class ArmisticeCorpusTest extends InterpreterCorpus {
    @Override
    protected Isa target() {
        return Armistice.ISA;
    }
}
