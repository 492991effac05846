package toyisa.vm;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The platform both CPUs share: every fault, the HAL, the budget, the output cap, self-modifying code. */
class PlatformTest {

    private static RunResult arm(String... lines) {
        return Programs.run("armistice", Programs.asm("armistice", lines));
    }

    private static RunResult intel(String... lines) {
        return Programs.run("intellio", Programs.asm("intellio", lines));
    }

    @Test
    void illegalInstructionOnZeroFilledMemory() {
        RunResult r = Programs.run("armistice", new byte[0]);
        assertEquals(Fault.ILLEGAL_INSTRUCTION, r.fault().fault());
        assertEquals(132, r.exitStatus());
        assertEquals(0x0100, r.fault().pc());
        assertTrue(r.report().startsWith("Illegal instruction\n  Armistice: illegal instruction at 0100h\n"), r.report());
    }

    @Test
    void nullPageReadsAndWritesSegfault() {
        RunResult r = arm("mov b, 0", "ld a, [b + 10h]", "halt");
        assertEquals(Fault.SEGMENTATION_FAULT, r.fault().fault());
        assertEquals(139, r.exitStatus());
        assertEquals(0x0104, r.fault().pc());
        assertEquals(0x0010, r.fault().address());
        assertEquals("ld a, [b + 10h]", r.fault().instruction());

        RunResult w = intel("mov b, 0", "mov [b + 0FEh], a", "hlt");
        assertEquals(139, w.exitStatus());
        assertTrue(w.fault().detail().startsWith("write of 2 bytes"), w.fault().detail());
    }

    @Test
    void aWordAtFFFFTouchesTheNullPage() {
        RunResult r = intel("mov b, 0FFFFh", "mov a, [b]", "hlt");
        assertEquals(Fault.SEGMENTATION_FAULT, r.fault().fault());
    }

    @Test
    void jumpingIntoTheNullPageFaultsOnFetch() {
        RunResult r = arm("jmp 0010h");
        assertEquals(Fault.SEGMENTATION_FAULT, r.fault().fault());
        assertEquals(0x0010, r.fault().pc());
        RunResult i = intel("mov a, 0", "jmp a");
        assertEquals(Fault.SEGMENTATION_FAULT, i.fault().fault());
    }

    @Test
    void armisticeWordsMustBeAligned() {
        RunResult r = arm("mov b, 1001h", "st [b + 0], a", "halt");
        assertEquals(Fault.MISALIGNED_ACCESS, r.fault().fault());
        assertEquals(135, r.exitStatus());
        assertEquals("Bus error (misaligned access)", r.shellMessage());
        // Intellio words may be unaligned
        RunResult i = intel("mov b, 1001h", "mov [b + 0], b", "mov c, [b + 0]", "mov a, 10h", "int 13h", "hlt");
        assertEquals("4097\n", i.output());
    }

    @Test
    void divisionByZero() {
        RunResult r = arm("mov a, 7", "divu b, a, r0", "halt");
        assertEquals(Fault.DIVIDE_BY_ZERO, r.fault().fault());
        assertEquals(136, r.exitStatus());
        RunResult i = intel("mov a, 7", "mov b, 0", "modu a, b", "hlt");
        assertEquals(136, i.exitStatus());
        assertEquals(7, i.state().register(0), "the faulting instruction changes nothing");
    }

    @Test
    void badSystemCallAndUnhandledInterrupt() {
        RunResult r = arm("mov a, 77h", "int 13h");
        assertEquals(Fault.BAD_SYSTEM_CALL, r.fault().fault());
        assertEquals(159, r.exitStatus());
        RunResult i = intel("int 21h");
        assertEquals(Fault.UNHANDLED_INTERRUPT, i.fault().fault());
        assertEquals(159, i.exitStatus());
        assertEquals("Bad system call", i.shellMessage());
    }

    @Test
    void halExitPrintCharAndString() {
        RunResult r = intel("mov c, 0148h", "mov a, 11h", "int 13h", "mov a, 0", "mov c, 0103h", "int 13h");
        assertEquals("H", r.output());
        assertEquals(Outcome.EXIT, r.outcome());
        assertEquals(3, r.exitStatus());

        Machine m = Machine.create("armistice");
        m.loadRaw(Programs.asm("armistice", "mov a, 12h", "mov c, 1000h", "int 13h", "halt"));
        for (int i = 0; i < 3; i++) m.writeByte(0x1000 + i, "hi!".charAt(i));
        assertEquals("hi!", m.run().output());
    }

    @Test
    void halReadServices() {
        Machine m = Machine.create("intellio");
        m.loadRaw(Programs.asm("intellio",
                "mov a, 21h", "int 13h", "mov a, 10h", "int 13h",     // read a number, print it
                "mov a, 20h", "int 13h", "mov a, 10h", "int 13h",     // read a char, print its code
                "mov a, 21h", "int 13h", "mov a, 10h", "int 13h",     // malformed line -> FFFFh
                "mov a, 20h", "int 13h", "mov a, 10h", "int 13h",     // end of input -> FFFFh
                "hlt"));
        m.setInput(" 1234 \nxoops\n");
        assertEquals("1234\n120\n65535\n65535\n", m.run().output());
    }

    @Test
    void theBudgetCatchesAHangAndNamesTheLoop() {
        Machine m = Machine.create("armistice");
        m.loadRaw(Programs.asm("armistice", "mov a, 1", "add a, 1", "jmp 0104h"));
        m.setBudget(10_000);
        RunResult r = m.run();
        assertEquals(Outcome.BUDGET, r.outcome());
        assertEquals(124, r.exitStatus());
        assertEquals(10_000, r.steps());
        assertEquals(0x0104, r.hang().loopStart());
        assertEquals(0x0108, r.hang().jumpFrom());
        assertTrue(r.report().contains("hottest loop: 0104h–0108h"), r.report());
        assertEquals("Timeout (instruction budget exhausted)", r.shellMessage());
    }

    @Test
    void inputAppendedWhileRunningIsReadAfterTheEndWasSeen() {
        // read a number, read a number, add, print: the second number arrives after the first read saw the end
        Machine m = Machine.create("intellio");
        m.loadRaw(Programs.asm("intellio", "mov a, 21h", "int 13h", "mov b, c", "mov a, 21h", "int 13h", "add c, b",
                "mov a, 10h", "int 13h", "hlt"));
        m.setInput("1\n");
        for (int i = 0; i < 4; i++) m.step();
        assertEquals(0, m.inputAvailable());
        Step starved = m.step();
        assertEquals(0xFFFF, m.register(2), "at the end of the input a read gets FFFFh");
        m.undo(starved);
        m.appendInput("41\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(3, m.inputAvailable());
        assertEquals("42\n", m.run().output());
    }

    @Test
    void aRunInSlicesEndsExactlyAsOneRun() {
        for (String cpu : new String[] {"armistice", "intellio"}) {
            Machine m = Machine.create(cpu);
            m.loadRaw(Programs.asm(cpu, "add a, 1", "jmp 0100h"));
            m.setBudget(10_000);
            RunResult slice = m.run(3_000);
            assertEquals(Outcome.RUNNING, slice.outcome(), cpu + ": the end of a slice is not an ending");
            assertEquals(3_000, slice.steps());
            for (int i = 0; i < 3; i++) m.run(3_000);
            RunResult r = m.result();
            Machine whole = Machine.create(cpu);
            whole.loadRaw(Programs.asm(cpu, "add a, 1", "jmp 0100h"));
            whole.setBudget(10_000);
            RunResult w = whole.run();
            assertEquals(Outcome.BUDGET, r.outcome(), cpu);
            assertEquals(w.steps(), r.steps(), cpu);
            assertEquals(w.state(), r.state(), cpu);
            assertEquals(w.report(), r.report(), cpu);
        }
    }

    @Test
    void theOutputCapStopsAChattyProgram() {
        Machine m = Machine.create("intellio");
        m.loadRaw(Programs.asm("intellio", "mov a, 10h", "mov c, 1234", "int 13h", "jmp 0105h"));
        m.setOutputCap(100);
        RunResult r = m.run();
        assertEquals(Outcome.OUTPUT_CAP, r.outcome());
        assertEquals(153, r.exitStatus());
        assertEquals(100, r.output().length());
        assertEquals("File size limit exceeded (output cap)", r.shellMessage());
    }

    @Test
    void selfModifyingCodeRunsTheNewBytes() {
        // Armistice: overwrite the constant of a later "mov c, 1" with 2, after it has been decoded once.
        // loop: mov c,1 / print / st [0106h] <- 2 (the constant's bytes) / cmp b... -- kept simple: run twice through
        byte[] p = Programs.asm("armistice",
                "mov c, 1",          // 0100: 36 03 00 01 (constant at 0102)
                "mov a, 10h",        // 0104
                "int 13h",           // 0108
                "add e, 1",          // 010C
                "cmp e, 2",          // 0110
                "jz 0128h",          // 0114
                "mov d, 2",          // 0118
                "st [r0 + 0102h], d",// 011C: patches the constant of the first instruction
                "jmp 0100h",         // 0120
                "halt",              // 0124
                "halt");             // 0128
        RunResult r = Programs.run("armistice", p);
        assertEquals("1\n2\n", r.output());

        // Intellio: the loop patches the constant of "mov c, 7" (decoded on the first pass) to 9.
        byte[] q = Programs.asm("intellio",
                "mov a, 10h",            // 0100: 20 10
                "mov c, 7",              // 0102: 22 07 (constant at 0103)
                "int 13h",               // 0104
                "mov b, 9",              // 0106
                "movb [d + 0103h], b",   // 0108: d is 0
                "inc e",                 // 010C
                "cmp e, 2",              // 010D
                "jnz 0100h",             // 0110
                "hlt");                  // 0112
        assertEquals("7\n9\n", Programs.run("intellio", q).output());
    }

    @Test
    void executionMayStartInTheMiddleOfAnInstruction() {
        // Intellio "mov a, 20F4h" is 28 F4 20; jumping to its second byte runs F4: hlt.
        byte[] p = Programs.asm("intellio", "jmp 0103h", "mov a, 20F4h");
        Machine m = Machine.create("intellio");
        m.loadRaw(p);
        RunResult r = m.run();
        assertEquals(Outcome.HALT, r.outcome());
        assertEquals(2, r.steps());
    }
}
