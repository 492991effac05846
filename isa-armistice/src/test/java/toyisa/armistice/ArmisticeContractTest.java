package toyisa.armistice;

import toyisa.isa.Isa;
import toyisa.isa.IsaContract;

class ArmisticeContractTest extends IsaContract {
    @Override
    protected Isa isa() {
        return Armistice.ISA;
    }
}
