package toyisa.vm.exec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.isa.Isa;

/**
 * Coverage-guided fuzzing of exec's decision with the binfmt registry: any file and name gives a
 * plan (native, an interpreter, or a refusal with a message) on either machine, with the entries
 * enabled or not — never an exception.
 */
class ExecFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anyFileGetsAPlan(FuzzedDataProvider data) {
        boolean enabled = data.consumeBoolean();
        String name = data.consumeString(40);
        byte[] file = data.consumeRemainingAsBytes();
        BinfmtRegistry registry = BinfmtRegistry.defaults();
        if (!enabled) for (BinfmtEntry e : registry.entries()) registry.register(e.withEnabled(false));
        for (Isa machine : Isa.all()) {
            Exec.Plan plan = Exec.decide(file, name, machine, registry);
            assertNotNull(plan.kind());
            if (plan.kind() == Exec.Plan.Kind.NATIVE) assertNotNull(plan.program());
            if (plan.kind() == Exec.Plan.Kind.INTERPRETER) assertNotNull(plan.entry());
            if (plan.program() == null && plan.entry() == null) assertTrue(plan.message() != null && !plan.message().isBlank());
        }
    }
}
