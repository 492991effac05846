package toyisa.conformance;

import toyisa.jit.Jit;
import toyisa.vm.Machine;

/**
 * The golden corpus on the jit engine, compiling every block on its first entry: the interpreter's
 * goldens of the same CPU, report included (the engine promises the interpreter's run).
 */
abstract class JitCorpus extends CorpusSuite {
    @Override
    protected String backend() {
        return "the jit engine";
    }

    @Override
    protected boolean hasOwnReports() {
        return false; // held to the interpreter's
    }

    @Override
    protected Observed run(byte[] binary, String input) {
        Machine m = Machine.create(target());
        if (Jit.attach(m, Jit.Options.DEFAULT.withThreshold(1)) == null) throw new IllegalStateException("the jit engine is turned off");
        m.loadRaw(binary);
        m.setBudget(BUDGET);
        m.setInput(input);
        return Observed.of(m.run());
    }
}
