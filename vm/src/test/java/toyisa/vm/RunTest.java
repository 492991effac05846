package toyisa.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import toyisa.isa.Isa;

/** A run described once and set up by the engines there are: the labels scripts use, and what is missing. */
class RunTest {
    /** Reads a character and prints it, twice: "AB" in, "AB" out (Intellio). */
    static final byte[] ECHO = Programs.asm("intellio", "mov a, 20h", "int 13h", "mov a, 11h", "int 13h",
            "mov a, 20h", "int 13h", "mov a, 11h", "int 13h", "hlt");

    @Test
    void theLabelsAreTheOnesScriptsAndJsonUse() {
        assertEquals(List.of("interpreter", "translated", "jit", "translated+jit"),
                List.of(Engine.values()).stream().map(Engine::label).toList());
        for (Engine e : Engine.values()) assertSame(e, Engine.byLabel(e.label()));
        assertSame(Engine.TRANSLATED_JIT, Engine.byLabel("Translated+JIT"));
        assertNull(Engine.byLabel("turbo"));
        assertNull(Engine.byLabel("translated_jit"));
        assertEquals("interpreter, jit", Engine.labels(List.of(Engine.INTERPRETER, Engine.JIT)));
    }

    @Test
    void theInterpreterRunsWhatTheRunSays() {
        StringBuilder echoed = new StringBuilder();
        Execution e = Run.raw(Isa.byName("intellio"), ECHO).input("AB").budget(100).echo(echoed::append).start();
        RunResult r = e.run();
        assertEquals("AB", r.output());
        assertEquals("AB", echoed.toString());
        assertEquals(Outcome.HALT, r.outcome());
        assertEquals(r.steps(), e.hostInstructions());

        RunResult hung = Run.raw(Isa.byName("intellio"), ECHO).budget(3).start().run();
        assertEquals(Outcome.BUDGET, hung.outcome());
        RunResult capped = Run.raw(Isa.byName("intellio"), ECHO).input("AB").outputCap(1).start().run();
        assertEquals(153, capped.exitStatus());
    }

    /** The page without a jit: a jit run is the interpreter's, and says so; a translated one has nothing to run on. */
    @Test
    void whatAHostDoesNotHaveIsSaid() {
        Engines interpreterOnly = Engines.interpreter();
        Run run = Run.raw(Isa.byName("intellio"), ECHO).input("AB");
        assertFalse(interpreterOnly.has(Engine.JIT));
        Execution jit = interpreterOnly.start(run.engine(Engine.JIT));
        assertFalse(jit.jitAttached());
        assertEquals(interpreterOnly.start(run).run().output(), jit.run().output());
        assertEquals("", jit.jitLog());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> interpreterOnly.start(run.engine(Engine.TRANSLATED)));
        assertTrue(none.getMessage().contains("no translator"), none.getMessage());
    }

    @Test
    void boundsMustMakeSense() {
        Run run = Run.raw(Isa.byName("armistice"), new byte[4]);
        assertThrows(IllegalArgumentException.class, () -> run.budget(-1));
        assertThrows(IllegalArgumentException.class, () -> run.outputCap(-1));
        assertThrows(IllegalArgumentException.class, () -> run.logCap(-1));
        assertThrows(IllegalArgumentException.class, () -> Run.of(null, Program.raw(new byte[4])));
    }
}
