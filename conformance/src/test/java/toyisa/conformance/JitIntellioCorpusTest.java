package toyisa.conformance;

import toyisa.intellio.Intellio;
import toyisa.isa.Isa;

/** The golden corpus on the jit engine, Intellio. */
class JitIntellioCorpusTest extends JitCorpus {
    @Override
    protected Isa target() {
        return Intellio.ISA;
    }
}
