package toyisa.conformance;

import toyisa.vm.Machine;

/** Runs a corpus binary on the interpreter of the CPU it was assembled for. */
abstract class InterpreterCorpus extends CorpusSuite {
    @Override
    protected Observed run(byte[] binary, String input) {
        return interpret(target(), binary, input);
    }

    /** The fast loop of {@code isa}'s interpreter, as {@code toyisa run} runs a raw binary. */
    static Observed interpret(toyisa.isa.Isa isa, byte[] binary, String input) {
        Machine m = Machine.create(isa);
        m.loadRaw(binary);
        m.setBudget(BUDGET);
        m.setInput(input);
        return Observed.of(m.run());
    }
}
