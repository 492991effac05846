package toyisa.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import toyisa.isa.Isa;

/**
 * Whatever is typed, the REPL answers with output or a message — never an internal error: random
 * sessions of commands with random, plausible and hostile arguments, on both CPUs.
 */
class NeverDiesTest {
    private static final List<String> WORDS = List.of("", "0", "1", "3", "-1", "0100h", "0FFFFh", "0x100", "99999999999",
            "sp", "a", "r10", "pc", "$", "sp+2", "start+4", "double", "nowhere", "calls.pasm:7", "calls.pasm:0", "x:y",
            "[result]", "[0FFFFh]", "on", "off", "intellio", "armistice", "mov c, 42", "add c, c", "call double",
            "jmp 0FFFEh", "halt", "int 13h", "print.pasm", "calls.pasm", "loop.fat", "print.itl", "bad.pasm", "/", "''",
            "breaks", "labels", "history", "+", "--", "0h", "\u00e9", "'A'", "[", "]", "if", "if a == 1", "c == 3 && a",
            "*0x104", "$c", "$1", "$", "(sp", "1/0", "registers c", "frame", "line", "display", "/x", "x/4xh", "s", "i");

    @Property(tries = 200)
    void anySessionGetsAnswersNotInternalErrors(@ForAll("cpu") String cpu,
                                                @ForAll @Size(min = 1, max = 25) List<@net.jqwik.api.From("commandLine") String> lines) {
        StringWriter out = new StringWriter();
        Session s = new Session(Isa.byName(cpu), new PrintWriter(out), Style.PLAIN, TranscriptTest.DIR, 1000);
        s.setBudget(5000);
        s.loadFile("calls.pasm");
        for (String line : lines) {
            s.execute(line);
            s.complete(List.of(line.split(" ", 2)[0]), "");
            s.prompt();
        }
        assertFalse(out.toString().contains("internal error"), String.join("\n", lines) + "\n----\n" + out);
    }

    @Provide
    Arbitrary<String> cpu() {
        return Arbitraries.of("armistice", "intellio");
    }

    @Provide
    Arbitrary<String> commandLine() {
        Arbitrary<String> command = Arbitraries.of(Commands.values()).map(c -> c.name)
                .injectDuplicates(0.1).edgeCases(e -> e.add("frob"));
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(6));
        return Combinators.combine(command, word, word).as((c, x, y) -> c.equals("quit") ? "regs" : (c + " " + x + " " + y).strip());
    }
}
