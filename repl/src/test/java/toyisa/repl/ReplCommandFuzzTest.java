package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import toyisa.isa.Isa;

/**
 * Coverage-guided fuzzing of the REPL's command line: any commands, on a loaded program, end in
 * output or a message — never an exception — and print a bounded amount.
 */
class ReplCommandFuzzTest {
    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void anyCommandsEndInOutputOrAMessage(FuzzedDataProvider data) {
        StringWriter text = new StringWriter();
        Session s = new Session(Isa.byName(data.consumeBoolean() ? "armistice" : "intellio"), new PrintWriter(text),
                Style.PLAIN, TranscriptTest.DIR, 50);
        s.loadFile("loop.pasm");
        for (int i = 0; i < 4 && data.remainingBytes() > 0; i++) {
            String line = data.consumeString(80);
            if (line.startsWith("load") || line.startsWith("source")) continue; // reads files: fuzzed apart from the host
            s.execute(line);
        }
        assertTrue(text.getBuffer().length() < 4 << 20, "bounded output: " + text.getBuffer().length());
    }
}
