package toyisa.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every REPL command with its spelling, short forms and help text, in the order {@code help} lists
 * them. The parser, {@code help} and tab completion all read this one table, so a command cannot
 * exist without help or be completed under a name the parser does not accept.
 */
enum Commands {
    STEP("step", List.of("s", "stepi", "si"), "step [N]",
            "execute N instructions (default 1)",
            "Executes N instructions, then shows the source line, the next instruction with its bytes and\n"
            + "the registers that changed. Stops early at a breakpoint, a watch or when the program stops."),
    BACK("back", List.of("reverse-step", "rs"), "back [N]",
            "undo the last N instructions (default 1)",
            "Reverse stepping: undoes the last N instructions exactly, restoring registers, flags, memory\n"
            + "and the output and input positions. Works across a fault or the end of the program. Only the\n"
            + "most recent steps are remembered (see 'info history'); back says so when it runs past them."),
    NEXT("next", List.of("n", "nexti", "ni"), "next",
            "step over a call (like step, but runs a called subroutine to its return)",
            "Like 'step', but a 'call' runs until the subroutine returns to the instruction after it\n"
            + "(or a breakpoint, a watch or the end of the program stops it first)."),
    CONTINUE("continue", List.of("c", "cont"), "continue",
            "run until a breakpoint, a watch, the end of the program or Ctrl-C",
            "Runs until a breakpoint or a watch fires, the program halts, exits or faults, or the\n"
            + "instruction budget runs out. Ctrl-C interrupts it and returns to the prompt."),
    BREAK("break", List.of("b", "br"), "break [ADDR | LABEL | FILE:LINE | LINE]",
            "set a breakpoint (default: at PC)",
            "Sets a breakpoint on an address (0104h), a label (loop), a source line (print.pasm:3)\n"
            + "or, when a source file is loaded, a line of it (3). Execution stops before the instruction there."),
    DELETE("delete", List.of("d", "del"), "delete [N]",
            "delete breakpoint or watch N (default: all)",
            "Deletes the breakpoint or watch numbered N, as 'info breaks' lists them; without N, all of them."),
    WATCH("watch", List.of("w"), "watch REG | ADDR",
            "stop when a register or a memory word changes",
            "Watches a register (a, sp, r10) or the 16-bit word at an address or label (in the CPU's byte\n"
            + "order). Stepping and running stop right after an instruction changes it."),
    INFO("info", List.of("i"), "info breaks | labels | history",
            "list breakpoints and watches, labels, or the reverse-step history",
            "info breaks   breakpoints and watches with their numbers\n"
            + "info labels   the program's labels and addresses\n"
            + "info history  how many steps 'back' can undo"),
    REGS("regs", List.of("registers", "reg"), "regs",
            "show PC, registers and flags (changed ones marked)",
            "Shows the PC, every register and the flags. Registers the last command changed are marked\n"
            + "with * (highlighted on a terminal)."),
    MEM("mem", List.of("x", "m"), "mem ADDR [LEN]",
            "dump LEN bytes of memory (default 64) in hex and ASCII",
            "Dumps memory from ADDR (a number, a label, a register or an expression such as sp+2),\n"
            + "16 bytes a line, in hex and ASCII. The null page (0000h-00FFh) is unmapped for programs."),
    DISASM("disasm", List.of("dis", "u"), "disasm [ADDR] [N]",
            "disassemble N instructions (default 8) from ADDR (default PC)",
            "Decodes N instructions from ADDR as the current CPU reads the bytes; => marks the PC."),
    LIST("list", List.of("l"), "list [LINE | FILE:LINE | LABEL]",
            "show the source around the PC (or a line)",
            "Shows the source lines around the current one (when the program was assembled from source);\n"
            + "=> marks the line of the PC, * a line with a breakpoint."),
    TRACE("trace", List.of("t"), "trace on|off",
            "print every executed instruction",
            "With trace on, stepping and running print each instruction as it executes, with the\n"
            + "registers, flags and memory it changed."),
    CPU("cpu", List.of(), "cpu [armistice | intellio]",
            "show the CPU, or reload the same bytes on another CPU",
            "Without a name, says which CPU runs the program. With one, loads the very same bytes on that\n"
            + "CPU and starts again at the entry: a program built for the other CPU is misdecoded, live.\n"
            + "(A fat file loads that CPU's own slice instead.)"),
    LOAD("load", List.of("file"), "load FILE",
            "load a source file (assembled with debug info) or a binary (raw, TXF, fat)",
            "A source file (.pasm, .s, .asm) is assembled for the current CPU with labels and line\n"
            + "information. Any other file is loaded as a binary: raw at 0100h, or TXF/fat by its header."),
    ASM("asm", List.of("a", "patch"), "asm INSTRUCTION",
            "assemble one instruction into memory at the PC",
            "Assembles one line and writes its bytes at the PC. Native syntax first (as disasm prints it,\n"
            + "e.g. 'mov c, 2Ah'), else the portable assembly (which may need several native instructions).\n"
            + "The PC does not move; 'step' executes the new instruction. 'back' does not undo a patch."),
    SET("set", List.of(), "set REG VALUE | set [ADDR] VALUE",
            "change a register, the PC or a memory word",
            "Sets a register (set c, 42 or set c 42), the PC (set pc loop) or the 16-bit word at an address\n"
            + "in the CPU's byte order (set [result] 0). VALUE is a number, a label or a register. Like 'asm',\n"
            + "this is a change to the machine, not a step: 'back' does not undo it."),
    COMPARE("compare", List.of("cmp"), "compare [ADDR] [N]",
            "decode the same bytes on both CPUs side by side",
            "Decodes N instructions (default 8) from ADDR (default PC) on every CPU, side by side: the\n"
            + "misdecode view of the bytes in memory."),
    RESET("reset", List.of(), "reset",
            "reload the program and start again (breakpoints stay)",
            "Reloads the program on the current CPU and clears the reverse-step history; breakpoints\n"
            + "and watches stay."),
    HELP("help", List.of("h", "?"), "help [COMMAND]",
            "list the commands, or explain one",
            "Without an argument, lists every command. 'help step' explains one."),
    QUIT("quit", List.of("q", "exit"), "quit",
            "leave the REPL",
            "Leaves the REPL (Ctrl-D does too).");

    final String name;
    final List<String> aliases;
    final String usage;
    final String summary;
    final String detail;

    Commands(String name, List<String> aliases, String usage, String summary, String detail) {
        this.name = name;
        this.aliases = aliases;
        this.usage = usage;
        this.summary = summary;
        this.detail = detail;
    }

    /** The command a word names (its name, a short form or an unambiguous prefix), or null. */
    static Commands find(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Commands c : values()) if (c.name.equals(w) || c.aliases.contains(w)) return c;
        Commands found = null;
        for (Commands c : values()) {
            if (c.name.startsWith(w)) {
                if (found != null) return null;
                found = c;
            }
        }
        return found;
    }

    /** Full names of commands starting with a prefix (for "did you mean" and completion). */
    static List<String> namesStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (Commands c : values()) if (c.name.startsWith(prefix.toLowerCase(Locale.ROOT))) out.add(c.name);
        return out;
    }
}
