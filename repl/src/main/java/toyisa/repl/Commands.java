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
            + "instruction budget runs out. Ctrl-C interrupts it and returns to the prompt. A long run goes on\n"
            + "at the speed of the fast interpreter (checking breakpoints and watches), and 'back' still undoes it exactly."),
    FINISH("finish", List.of("fin"), "finish",
            "run until the current subroutine returns (step out)",
            "Runs until the subroutine the PC is in returns to its caller (the innermost frame of 'bt'),\n"
            + "then shows where it returned to and the value in a (the result register of the calling convention)."),
    UNTIL("until", List.of(), "until [LOCATION]",
            "run until a location, or past the current instruction (out of a loop)",
            "Without LOCATION: runs until the PC is past the current instruction in this subroutine (a\n"
            + "loop's backward jump runs the loop to its end). With LOCATION (an address, label or line): runs until\n"
            + "the PC gets there. Either way it stops when the current subroutine returns."),
    ADVANCE("advance", List.of(), "advance LOCATION",
            "run until a location (or until the current subroutine returns)",
            "Runs until the PC reaches LOCATION (an address, a label, FILE:LINE or a line), or the current\n"
            + "subroutine returns, whichever comes first."),
    REVERSE_CONTINUE("reverse-continue", List.of("rc"), "reverse-continue",
            "run backwards to the previous breakpoint or watch",
            "Goes back in the history until the PC is at a breakpoint (whose condition holds) or a watched value\n"
            + "changes, or the history ends."),
    REVERSE_NEXT("reverse-next", List.of("rn"), "reverse-next",
            "step back over one instruction, or over a whole call",
            "Like 'back', but when the instruction before was a subroutine's return, goes back over the whole call."),
    REVERSE_FINISH("reverse-finish", List.of(), "reverse-finish",
            "go back to the call that entered the current subroutine",
            "Goes back to just before the call that entered the subroutine the PC is in."),
    RUN("run", List.of("r"), "run",
            "start the program again from its entry and continue",
            "Reloads the program (like 'reset': breakpoints, watches and patches stay) and continues from the entry."),
    START("start", List.of(), "start",
            "start the program again and stop at main (or at the entry)",
            "Reloads the program and stops at the label main (or start, _start) when it has one, else at the entry."),
    KILL("kill", List.of("k"), "kill",
            "end the program being debugged (it can be started again)",
            "Ends the program: the machine goes back to the loaded program at its entry, the history is emptied."),
    BREAK("break", List.of("b", "br"), "break [ADDR | LABEL | FILE:LINE | LINE] [if COND]",
            "set a breakpoint (default: at PC), optionally conditional",
            "Sets a breakpoint on an address (0104h, or *0x104 as gdb writes it), a label (loop), a source line\n"
            + "(print.pasm:3) or, when a source file is loaded, a line of it (3). Execution stops before the\n"
            + "instruction there. 'break fact if a == 1' stops only when the condition holds (see 'help print')."),
    TBREAK("tbreak", List.of("tb"), "tbreak [LOCATION] [if COND]",
            "set a temporary breakpoint (deleted when it is hit)",
            "Like 'break', but the breakpoint is deleted the first time it stops the program."),
    CONDITION("condition", List.of("cond"), "condition N [COND]",
            "make breakpoint N conditional (or unconditional again)",
            "'condition 2 c == 3' makes breakpoint 2 stop only when c is 3; 'condition 2' removes the condition."),
    IGNORE("ignore", List.of(), "ignore N COUNT",
            "let breakpoint N pass COUNT times before it stops",
            "The next COUNT times breakpoint N is reached (with its condition holding) it does not stop."),
    DELETE("delete", List.of("d", "del"), "delete [N]",
            "delete breakpoint or watch N (default: all)",
            "Deletes the breakpoint or watch numbered N, as 'info breaks' lists them; without N, all of them."),
    WATCH("watch", List.of("w"), "watch REG | ADDR",
            "stop when a register or a memory word changes",
            "Watches a register (a, sp, r10) or the 16-bit word at an address or label (in the CPU's byte\n"
            + "order). Stepping and running stop right after an instruction changes it."),
    RWATCH("rwatch", List.of(), "rwatch ADDR",
            "stop when an instruction reads a memory word",
            "Stops right after an instruction reads the 16-bit word at ADDR (a load, a pop, an operand).\n"
            + "A run with a read watch is stepped one instruction at a time."),
    AWATCH("awatch", List.of(), "awatch ADDR",
            "stop when an instruction reads or writes a memory word",
            "Stops right after an instruction reads or writes the 16-bit word at ADDR, even if the value stays."),
    INFO("info", List.of("i"), "info breaks | labels | history | registers [REG] | frame | line [LOC] | display",
            "list breakpoints and watches, labels, the history, registers, the frame, a line",
            "info breaks      breakpoints and watches with their numbers, conditions and hits (also: breakpoints)\n"
            + "info labels      the program's labels and addresses\n"
            + "info history     how many steps 'back' can undo\n"
            + "info registers   like 'regs'; 'info registers c sp' shows those registers in hex and decimal\n"
            + "info frame       the selected frame of the call stack: where it was called from, where it returns\n"
            + "info line [LOC]  the source line of the PC (or LOC) and the addresses of its code\n"
            + "info display     the expressions 'display' shows at every stop"),
    BACKTRACE("backtrace", List.of("bt", "where"), "backtrace",
            "show the call stack (from the calls and returns executed)",
            "Lists the frames, innermost first: #0 is where the PC is, each frame after it the call that\n"
            + "led there, with labels and source lines. The stack is kept from the calls and returns the program\n"
            + "executed, and goes back with 'back'."),
    FRAME("frame", List.of("f"), "frame [N]",
            "select frame N of the call stack (or show the selected one)",
            "Selects frame N as 'bt' numbers them, for 'info frame' and 'list'; without N shows the selected frame."),
    UP("up", List.of(), "up [N]",
            "select the frame N levels up (towards the caller)",
            "Selects the caller's frame (N levels up, default 1)."),
    DOWN("down", List.of(), "down [N]",
            "select the frame N levels down (towards the PC)",
            "Selects the frame N levels down (default 1), towards frame #0."),
    PRINT("print", List.of("p"), "print[/FMT] EXPR",
            "evaluate an expression: registers, labels, [memory], arithmetic",
            "Evaluates EXPR and shows it in decimal and hex ($1 = 42 (002Ah)), numbering the result for later ($1).\n"
            + "EXPR has numbers (0104h, 0x104, 260, 'A'), registers (c, $c), labels, pc or $, the word at an\n"
            + "address ([sp+2] or *(sp+2)), + - * / % & | ^ ~, comparisons == != < <= > >= and && || !.\n"
            + "FMT is x (hex), d (signed), u (unsigned), t (binary), o (octal) or c (character): print/x sp."),
    EXAMINE("x/", List.of(), "x/NFU ADDR",
            "examine memory as gdb does: N units of format F and size U",
            "x/8xb sp shows 8 bytes in hex; x/4xh sp 4 words; x/2dh result 2 words in decimal; x/s msg a string;\n"
            + "x/5i pc 5 instructions. F is x d u o t c s i; U is b (byte) or h (16-bit word; w is taken as h,\n"
            + "this is a 16-bit machine). 'x ADDR [LEN]' without a slash is 'mem'."),
    DISPLAY("display", List.of("disp"), "display[/FMT] [EXPR]",
            "show an expression at every stop (without EXPR: show them all now)",
            "Adds EXPR to the expressions shown after every stop, numbered; display/i pc shows the next\n"
            + "instruction, display/x sp a register in hex. 'undisplay N' removes one."),
    UNDISPLAY("undisplay", List.of(), "undisplay [N]",
            "stop showing display N (default: all)",
            "Removes display N (as 'info display' numbers them), or all of them."),
    REGS("regs", List.of("registers", "reg"), "regs",
            "show PC, registers and flags (changed ones marked)",
            "Shows the PC, every register and the flags. Registers the last command changed are marked\n"
            + "with * (highlighted on a terminal)."),
    MEM("mem", List.of("x", "m"), "mem ADDR [LEN]",
            "dump LEN bytes of memory (default 64) in hex and ASCII",
            "Dumps memory from ADDR (a number, a label, a register or an expression such as sp+2),\n"
            + "16 bytes a line, in hex and ASCII. The null page (0000h-00FFh) is unmapped for programs."),
    DISASM("disasm", List.of("dis", "u", "di", "disassemble"), "disasm [ADDR] [N]",
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

    /** The commands the REPL had before it spoke gdb: a prefix unique among them keeps meaning them ({@code st} is step, not start). */
    private static final java.util.Set<Commands> FIRST = java.util.EnumSet.of(STEP, BACK, NEXT, CONTINUE, BREAK, DELETE,
            WATCH, INFO, REGS, MEM, DISASM, LIST, TRACE, CPU, LOAD, ASM, SET, COMPARE, RESET, HELP, QUIT);

    /**
     * The {@code help} text: every command with its summary, or one command's usage, short forms
     * and detail; null when {@code arg} names no command.
     */
    static String help(String arg) {
        StringBuilder sb = new StringBuilder();
        if (arg.isEmpty()) {
            sb.append("Commands (a unique prefix is enough; Ctrl-C interrupts a run, Ctrl-D leaves):\n");
            for (Commands c : values()) {
                if (c.usage.length() <= 40) sb.append(String.format(Locale.ROOT, "  %-40s %s", c.usage, c.summary)).append('\n');
                else sb.append("  ").append(c.usage).append('\n').append(" ".repeat(43)).append(c.summary).append('\n');
            }
            sb.append("Addresses: 0104h, 0x104, 260, a label, a register (sp), pc, or sums such as sp+2 or loop+4.\n");
            sb.append("On a terminal, Enter on an empty line repeats the last step, next or back.\n");
            return sb.toString();
        }
        String w = arg.split("\\s+")[0];
        Commands c = w.startsWith("x/") ? EXAMINE : find(w.contains("/") ? w.substring(0, w.indexOf('/')) : w);
        if (c == null) return null;
        sb.append("usage: ").append(c.usage).append('\n');
        if (!c.aliases.isEmpty()) sb.append("also:  ").append(String.join(", ", c.aliases)).append('\n');
        return sb.append(c.detail).append('\n').toString();
    }

    /** The command a word names (its name, a short form or an unambiguous prefix), or null. */
    static Commands find(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Commands c : values()) if (c.name.equals(w) || c.aliases.contains(w)) return c;
        if (w.isEmpty() || w.equals("x/")) return null;
        Commands found = null, first = null;
        int n = 0, firsts = 0;
        for (Commands c : values()) {
            if (c == EXAMINE || !c.name.startsWith(w)) continue;
            n++;
            found = c;
            if (FIRST.contains(c)) {
                firsts++;
                first = c;
            }
        }
        if (n == 1) return found;
        return firsts == 1 ? first : null;
    }

    /** Full names of commands starting with a prefix (for "did you mean" and completion). */
    static List<String> namesStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (Commands c : values()) if (c != EXAMINE && c.name.startsWith(prefix.toLowerCase(Locale.ROOT))) out.add(c.name);
        return out;
    }
}
