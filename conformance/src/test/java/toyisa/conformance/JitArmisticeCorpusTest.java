package toyisa.conformance;

import toyisa.armistice.Armistice;
import toyisa.isa.Isa;

/** The golden corpus on the jit engine, Armistice. */
class JitArmisticeCorpusTest extends JitCorpus {
    @Override
    protected Isa target() {
        return Armistice.ISA;
    }
}
