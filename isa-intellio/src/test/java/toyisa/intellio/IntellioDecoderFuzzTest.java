package toyisa.intellio;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import toyisa.isa.DecoderFuzzing;

/**
 * Coverage-guided fuzzing of the Intellio decoder ({@link DecoderFuzzing} says what it checks). In
 * {@code mvn verify} this replays the committed inputs; {@code scripts/fuzz} runs it in fuzzing mode.
 */
class IntellioDecoderFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 2_000_000)
    void anyBytesAtAnyAddressDecodeAndRoundTrip(FuzzedDataProvider data) {
        DecoderFuzzing.decodeAndRoundTrip(Intellio.ISA, data);
    }
}
