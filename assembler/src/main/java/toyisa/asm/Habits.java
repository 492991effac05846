package toyisa.asm;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import toyisa.isa.Isa;

/**
 * Hints for what students bring from other assemblers — MARS and SPIM ({@code .asciiz}, {@code #}
 * comments, {@code .data}/{@code .text}), x86 ({@code eax}, {@code mov [b], c}, {@code FFh}) — and from
 * the other CPU ({@code r7} on Intellio). Each turns an error that is right but puzzling into one that
 * says what the student meant. Null where a habit does not explain the error.
 */
final class Habits {
    private Habits() {}

    private static final Set<String> X86 = Set.of(
            "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip",
            "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "rip",
            "ax", "bx", "cx", "dx", "si", "di", "bp", "ip",
            "al", "ah", "bl", "bh", "cl", "ch", "dl", "dh");

    /** An unknown directive that another assembler has. */
    static String directive(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case ".asciiz":
                return "MARS and SPIM's .asciiz is .asciz here (a string ending in a NUL byte; .ascii has no NUL)";
            case ".data": case ".text": case ".section": case ".bss": case ".rodata":
                return "there are no sections: the program is one piece from 0100h; put data after the code (after its halt), under a label";
            case ".globl": case ".global": case ".extern":
                return "there is no linking: every label of the file is known everywhere in it, so no " + name + " is needed";
            case ".db":
                return "bytes are .byte here";
            case ".dw":
                return "16-bit words are .word here";
            default:
                return null;
        }
    }

    /** An unexpected character that starts another assembler's comment ({@code # ...}) or constant ({@code #1}). */
    static String character(String text, char next) {
        boolean word = Character.isLetterOrDigit(next) || next == '\'' || next == '-';
        if (text.equals("#")) return word ? "constants are written without '#' here (ARM's #1 is 1)"
                : "comments start with ';' here (# is MARS, SPIM and GNU as)";
        if (text.equals("@") && !word) return "comments start with ';' here (@ is ARM's GNU as)";
        return null;
    }

    /** An undefined symbol that was meant as something else: a hex number, a register. */
    static String symbol(String name, Isa isa) {
        if (name.matches("[0-9A-Fa-f]*[A-Fa-f][0-9A-Fa-f]*[hH]")) {
            return "a hexadecimal number starts with a digit, or it reads as a name: write 0" + name;
        }
        return register(name, isa);
    }

    /** A register of x86 or of the other CPU, written where this CPU has none of that name. */
    static String register(String name, Isa isa) {
        String n = name.toLowerCase(Locale.ROOT);
        if (X86.contains(n)) {
            return n + " is an x86 register; " + isa.name() + "'s registers are " + names(isa)
                    + " (portable code: a b c d e f fp sp)";
        }
        for (Isa other : Isa.all()) {
            if (other.machine() == isa.machine()) continue;
            int code = other.registers().code(n);
            if (code >= 0 && isa.registers().code(n) < 0) {
                return n + " is a register of " + other.name() + ", not of " + isa.name() + ", whose registers are " + names(isa)
                        + " (portable code: a b c d e f fp sp)";
            }
        }
        return null;
    }

    private static String names(Isa isa) {
        List<String> all = isa.registers().allNames();
        if (isa.registers().count() > 8) return "r0-r" + (isa.registers().count() - 1) + " (a=r1 ... f=r6, fp=r13, sp=r15)";
        return String.join(" ", all.subList(0, Math.min(all.size(), isa.registers().count())));
    }

    /** An instruction that cannot take its operands because of a habit: mov to or from memory, a foreign register. */
    static String operands(String mnemonic, String kinds, List<String> names, Isa isa) {
        for (String n : names) {
            String h = register(n, isa);
            if (h != null) return h;
        }
        if (mnemonic.equals("mov") && (kinds.contains("m") || kinds.contains("a"))) {
            return "mov moves a register or a constant into a register; memory is read with load and written with store"
                    + (kinds.indexOf('m') == 0 || kinds.indexOf('a') == 0 ? ": store [b], c" : ": load c, [b]");
        }
        return null;
    }
}
