package toyisa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The means under the suite table: what an instructor quotes against the bar of ÷ C -O2. */
class SuiteTableTest {
    private static SuiteTable.Row row(String program, String engine, double seconds, double nativeSeconds) {
        return new SuiteTable.Row(program, "armistice", engine, 1_000_000, 1_000_000, seconds, nativeSeconds, Double.NaN);
    }

    @Test
    void theMeanOfTimesCIsGeometricPerCpuAndEngine() {
        List<SuiteTable.Row> rows = List.of(
                new SuiteTable.Row("sieve", "amd64", "C -O2", 0, 0, 0.01, 0.01, Double.NaN),
                row("sieve", "jit", 0.02, 0.01), row("matmul", "jit", 0.08, 0.01),
                row("sieve", "interpreter", 0.5, 0.01), row("matmul", "interpreter", 0.5, 0.01));
        Map<String, Double> m = SuiteTable.nativeMeans(rows);
        assertEquals(4.0, m.get("armistice jit"), 1e-9, "the square root of 2 × 8");
        assertEquals(50.0, m.get("armistice interpreter"), 1e-9);
        assertEquals(2, m.size(), "the C row itself is no engine");
    }

    @Test
    void anEngineWithAProgramWithoutItsCTwinHasNoMean() {
        List<SuiteTable.Row> rows = List.of(row("sieve", "jit", 0.02, 0.01), row("fib", "jit", 0.02, Double.NaN));
        assertFalse(SuiteTable.nativeMeans(rows).containsKey("armistice jit"));
    }
}
