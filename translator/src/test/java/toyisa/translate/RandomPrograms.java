package toyisa.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import toyisa.intellio.Intellio;
import toyisa.isa.EncodingException;
import toyisa.isa.Operand;

/**
 * Random valid Intellio programs for the differential test: straight-line arithmetic, every flag
 * setter followed by every kind of conditional jump, jumps and calls to random places (loops that
 * the budget ends), memory in a data area (words at odd addresses too), the stack, the HAL, the null
 * page, division by zero, and stores into the program's own code.
 */
final class RandomPrograms {
    static final int DATA = 0x3000;
    private static final String[] ALU = {"add", "sub", "and", "or", "xor", "cmp", "test", "mul"};
    private static final String[] SHIFTS = {"shl", "shr", "sar"};
    private static final String[] JCC = {"jo", "jno", "jb", "jae", "jz", "jnz", "jbe", "ja", "js", "jns", "jl", "jge", "jle", "jg"};

    /** One instruction to be: a mnemonic with operands, or a jump to instruction number {@code target}. */
    private record Item(String mnemonic, List<Operand> operands, int target) {}

    private final Random rnd;
    private final boolean selfModifying;
    private final List<Item> items = new ArrayList<>();

    private RandomPrograms(long seed, boolean selfModifying) {
        this.rnd = new Random(seed);
        this.selfModifying = selfModifying;
    }

    static byte[] generate(long seed) {
        return new RandomPrograms(seed, false).build();
    }

    /** A program that stores into its own code often: a quarter of its instructions. */
    static byte[] generateSelfModifying(long seed) {
        return new RandomPrograms(seed, true).build();
    }

    private int reg() {
        return rnd.nextInt(7); // a..fp; sp only by push/pop/call/ret
    }

    private int value() {
        switch (rnd.nextInt(6)) {
            case 0: return rnd.nextInt(4);
            case 1: return 0x7FFF + rnd.nextInt(3);
            case 2: return 0xFFFF - rnd.nextInt(3);
            default: return rnd.nextInt(0x10000);
        }
    }

    private void add(String mnemonic, Operand... ops) {
        items.add(new Item(mnemonic, List.of(ops), -1));
    }

    private byte[] build() {
        // Registers start at data pointers or interesting values.
        for (int r = 0; r < 7; r++) {
            add("mov", Operand.reg(r), Operand.num(rnd.nextInt(6) == 0 ? value() : DATA + rnd.nextInt(0x100)));
        }
        int n = 5 + rnd.nextInt(40);
        for (int i = 0; i < n; i++) one();
        add("hlt");
        return assemble();
    }

    private void one() {
        if (selfModifying && rnd.nextInt(4) == 0) {
            selfModify();
            return;
        }
        int k = rnd.nextInt(100);
        if (k < 18) { // a flag setter, then a conditional jump on it
            setter();
            jump(JCC[rnd.nextInt(JCC.length)] + ".rel16");
        } else if (k < 30) {
            setter();
        } else if (k < 36) {
            jump(JCC[rnd.nextInt(JCC.length)] + ".rel16");
        } else if (k < 44) {
            add("mov", Operand.reg(reg()), Operand.num(value()));
        } else if (k < 48) {
            add("mov", Operand.reg(reg()), Operand.reg(reg()));
        } else if (k < 62) {
            memory();
        } else if (k < 66) {
            add("push", Operand.reg(rnd.nextInt(8)));
        } else if (k < 70) {
            add("pop", Operand.reg(rnd.nextInt(8)));
        } else if (k < 72) {
            jump("jmp.rel16");
        } else if (k < 74) {
            jump("call");
        } else if (k < 76) {
            add("ret");
        } else if (k < 79) {
            hal();
        } else if (k < 81) {
            add("divu", Operand.reg(reg()), Operand.reg(reg()));
        } else if (k < 82) {
            add("modu", Operand.reg(reg()), Operand.reg(reg()));
        } else if (k < 84) {
            add("xchg", Operand.reg(0), Operand.reg(1 + rnd.nextInt(7)));
        } else if (k < 86) {
            add("not", Operand.reg(reg()));
        } else if (k < 88) {
            selfModify();
        } else if (k < 89) {
            add("nop");
        } else if (k < 90) {
            add("mov", Operand.reg(reg()), Operand.num(rnd.nextInt(0x100))); // a pointer into the null page
        } else {
            setter();
        }
    }

    /** A store into the program itself: self-modifying code. */
    private void selfModify() {
        int r = reg();
        add("mov", Operand.reg(r), Operand.num(0x0100 + rnd.nextInt(0x60)));
        add(rnd.nextBoolean() ? "movb" : "mov", Operand.mem(r, rnd.nextInt(4)), Operand.reg(reg()));
    }

    private void setter() {
        int r = reg();
        switch (rnd.nextInt(9)) {
            case 0: add(ALU[rnd.nextInt(ALU.length)], Operand.reg(r), Operand.reg(reg())); break;
            case 1: add(ALU[rnd.nextInt(ALU.length)], Operand.reg(r), Operand.num(value())); break;
            case 2: add(ALU[rnd.nextInt(ALU.length)], Operand.reg(r), Operand.num(rnd.nextInt(256) - 128)); break;
            case 3: add(SHIFTS[rnd.nextInt(3)], Operand.reg(r), Operand.reg(reg())); break;
            case 4: add(SHIFTS[rnd.nextInt(3)], Operand.reg(r), Operand.num(rnd.nextInt(20))); break;
            case 5: add(rnd.nextBoolean() ? "shl" : "shr", Operand.reg(r), Operand.num(1)); break;
            case 6: add(rnd.nextBoolean() ? "inc" : "dec", Operand.reg(r)); break;
            case 7: add("neg", Operand.reg(r)); break;
            default: add(ALU[rnd.nextInt(ALU.length)], Operand.reg(r), Operand.mem(reg(), rnd.nextInt(8))); break;
        }
    }

    private void memory() {
        int r = reg(), base = reg();
        int disp = rnd.nextInt(16);
        switch (rnd.nextInt(8)) {
            case 0: add("mov", Operand.reg(r), Operand.mem(base, disp)); break;
            case 1: add("mov", Operand.mem(base, disp), Operand.reg(r)); break;
            case 2: add("movb", Operand.reg(r), Operand.mem(base, disp)); break;
            case 3: add("movb", Operand.mem(base, disp), Operand.reg(r)); break;
            case 4: add(ALU[rnd.nextInt(ALU.length)], Operand.mem(base, disp), Operand.reg(r)); break;
            case 5: add(rnd.nextBoolean() ? "divu" : "modu", Operand.mem(base, disp), Operand.reg(r)); break;
            case 6: add(rnd.nextBoolean() ? "mov" : "movb", Operand.reg(r), Operand.abs(DATA + rnd.nextInt(0x100))); break;
            default: add(rnd.nextBoolean() ? "mov" : "movb", Operand.abs(rnd.nextInt(8) == 0 ? 0xFFFF : DATA + rnd.nextInt(0x100)), Operand.reg(r)); break;
        }
    }

    private void hal() {
        int[] services = {0x10, 0x10, 0x11, 0x12, 0x20, 0x21, 0x00, 0x33};
        add("mov", Operand.reg(0), Operand.num(services[rnd.nextInt(services.length)]));
        if (rnd.nextBoolean()) add("mov", Operand.reg(2), Operand.num(rnd.nextBoolean() ? 0x41 + rnd.nextInt(26) : DATA + rnd.nextInt(0x40)));
        add("int", Operand.num(rnd.nextInt(10) == 0 ? 0x21 : 0x13));
    }

    private void jump(String form) {
        items.add(new Item(form, List.of(), rnd.nextInt(items.size() + 30))); // target chosen later among all items
    }

    private byte[] assemble() {
        int[] addr = new int[items.size() + 1];
        byte[][] bytes = new byte[items.size()][];
        for (int pass = 0; pass < 2; pass++) {
            int at = 0x0100;
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                addr[i] = at;
                List<Operand> ops = it.operands();
                if (it.target() >= 0) ops = List.of(Operand.num(addr[Math.min(it.target(), items.size() - 1)]));
                try {
                    bytes[i] = Intellio.TABLE.assemble(it.mnemonic(), ops, at).bytes();
                } catch (EncodingException e) {
                    throw new IllegalStateException(it + ": " + e.getMessage(), e);
                }
                at += bytes[i].length;
            }
            addr[items.size()] = at;
        }
        byte[] out = new byte[addr[items.size()] - 0x0100];
        int p = 0;
        for (byte[] b : bytes) {
            System.arraycopy(b, 0, out, p, b.length);
            p += b.length;
        }
        return out;
    }
}
