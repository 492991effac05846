package toyisa.intellio;

import toyisa.isa.Isa;
import toyisa.isa.IsaContract;

class IntellioContractTest extends IsaContract {
    @Override
    protected Isa isa() {
        return Intellio.ISA;
    }
}
