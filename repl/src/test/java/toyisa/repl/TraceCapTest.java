package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** Regression: 'trace on' then 'continue' on an endless loop wrote hundreds of megabytes. */
class TraceCapTest {
    @Test
    void aTracedContinueOnAnEndlessLoopPrintsAtMostTheCap() {
        StringWriter text = new StringWriter();
        Session s = new Session(Isa.byName("intellio"), new PrintWriter(text), Style.PLAIN, TranscriptTest.DIR, 100);
        s.loadFile("spin.pasm");
        s.setBudget(20_000);
        s.setTraceCap(5_000);
        s.execute("trace on");
        s.execute("continue");
        String out = text.toString();
        assertTrue(out.length() < 8_000, "capped: " + out.length());
        assertTrue(out.contains("trace truncated after 5000 characters"), out);
    }
}
