package toyisa.conformance;

import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** Runs a corpus binary on the interpreter of the CPU it was assembled for. */
abstract class InterpreterCorpus extends CorpusSuite {
    @Override
    protected Observed run(byte[] binary, String input) {
        Machine m = Machine.create(target());
        m.loadRaw(binary);
        m.setBudget(BUDGET);
        m.setInput(input);
        RunResult r = m.run();
        return new Observed(r.output(), r.exitStatus());
    }
}
