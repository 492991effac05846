package toyisa.jit;

import toyisa.vm.CompareBranch;
import toyisa.vm.Core;
import toyisa.vm.Machine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link Region} to the body of one JavaScript function, the page's counterpart of
 * {@link RegionCompiler}: the same region, the same budget check per block, the same bail-outs and
 * exits, written as JavaScript source that the page's worker turns into a function
 * ({@code new Function}), which the browser's own jit then compiles to machine code.
 *
 * <p>The function is {@code (r, m, cb, f, room)}: the registers ({@code Int32Array}), memory and the
 * code marks ({@code Int8Array}), the flags, PC and bail-out count ({@code Int32Array}, {@link #PC},
 * {@link #BAILED}; the flags as the core keeps them, {@link Core#saveFlagFields}) and the room left in the budget. Each guest register and flag is a local; the
 * blocks are structured JavaScript ({@link Structure}: guest loops are JavaScript loops, jumps
 * between blocks are {@code break} and {@code continue}) under the cases of a {@code switch} in a
 * loop, one case for each way in that the structure cannot take (the entry, where calls return). It
 * returns the instructions it executed, with registers, flags and PC written back.
 */
abstract class ScriptCompiler {
    /** The function's parameters, in the order {@link ScriptRegion#call} passes them. */
    static final String PARAMS = "r,m,cb,f,room";
    /**
     * Slots of the {@code f} array after the flags: the PC to go on at, bail-outs during the call,
     * and the number of the direct exit it left by (-1 for any other way out: the budget, a
     * bail-out, an indirect jump), which {@link ScriptRegion#run} follows to the region linked there.
     */
    static final int PC = 6, BAILED = 7, EXIT = 8, SLOTS = 9;

    final int[] code;
    final JitCpu cpu;
    final Region region;
    /** The blocks written, in the region's order ({@link #split}). */
    private final List<Region.Block> blocks;
    final StringBuilder js = new StringBuilder();
    private final boolean[] written;
    /** Block start to its case number. */
    private final Map<Integer, Integer> cases = new HashMap<>();
    /** The direct exits' targets, numbered in the order they are met. */
    private final Map<Integer, Integer> exits = new LinkedHashMap<>();
    /** The number of the block being written (-1 between blocks). */
    private int current = -1;
    /** Each block's code by number, with a mark ({@link #GO}) where it goes to a block of the region. */
    private final List<String> blockCode = new ArrayList<>();
    /** Each block's transfers to blocks of the region, by number, as many times as its code has them. */
    private final List<List<Integer>> edges = new ArrayList<>();
    /** The mark of a transfer to block n: GO, n, END; of an indirect jump's dispatch: DISPATCH. */
    private static final char GO = '\u0001', END = '\u0002', DISPATCH = '\u0003';

    ScriptCompiler(Core core, JitCpu cpu, Region region) {
        this.code = core.code();
        this.cpu = cpu;
        this.region = region;
        this.written = new boolean[cpu.registers()];
        this.blocks = split(region);
        for (Region.Block b : blocks) {
            cases.put(b.start(), cases.size());
            edges.add(new ArrayList<>());
        }
    }

    /**
     * The region's blocks, each cut short where it runs into the start of a loop of the region (a
     * block that a jump from an address at or after it reaches) with the same instructions to its end
     * as that block: it goes there instead. The region former makes each block from its start to
     * its jump, so the block before a loop holds a copy of the loop's first block; without the cut
     * the loop would have two ways in, and no JavaScript loop could hold it ({@link Structure}).
     * A block cut short has a budget check of its own at the loop, where the code may then leave.
     */
    private List<Region.Block> split(Region region) {
        Map<Integer, Region.Block> all = region.blocks;
        java.util.Set<Integer> loops = new java.util.HashSet<>();
        for (Region.Block b : all.values()) {
            int[] s = b.slots();
            boolean direct = b.end() == Region.End.JUMP || b.end() == Region.End.BRANCH || b.end() == Region.End.CALL;
            if (direct && s.length > 0 && b.target() <= s[s.length - 1] && all.containsKey(b.target())) loops.add(b.target());
        }
        return new ArrayList<>(region.cut(cpu, code, loops::contains).blocks.values());
    }

    /** The core's flag fields as locals, in the order of the {@code f} array. */
    abstract String[] flagNames();

    final boolean zero(int k) {
        return cpu.zero(k);
    }

    final int sp() {
        return cpu.sp();
    }

    final boolean bigEndian() {
        return cpu.bigEndian();
    }

    /** A JavaScript condition on {@code a}: a word the core refuses there beyond the null page. */
    abstract String badWord();

    /** One pre-decoded instruction as the core's fast loop does it; {@code done} instructions of the block came before. */
    abstract void instruction(Region.Block b, int at, int done, int w, int x, int y, int z);

    /** The function's body. */
    final String compile() {
        StringBuilder body = js;
        int start = body.length();
        for (Region.Block b : blocks) {
            block(b);
            blockCode.add(body.substring(start));
            body.setLength(start);
        }
        String blocks = new Structure().write();
        body.append("var a=0,b=0,t=0,k=0,x=-1,left=room|0,npc=").append(region.entry).append(";\n");
        for (int k = 0; k < written.length; k++) if (!zero(k)) body.append("var r").append(k).append("=r[").append(k).append("]|0;");
        String[] flags = flagNames();
        for (int i = 0; i < flags.length; i++) body.append("var ").append(flags[i]).append("=f[").append(i).append("]|0;");
        body.append("\nL:for(;;){switch(k){\n").append(blocks).append("}break;}\n");
        for (int k = 0; k < written.length; k++) if (written[k]) body.append("r[").append(k).append("]=r").append(k).append(";");
        for (int i = 0; i < flags.length; i++) body.append("f[").append(i).append("]=").append(flags[i]).append(";");
        body.append("f[").append(PC).append("]=npc;f[").append(EXIT).append("]=x;return room-left|0;\n");
        return body.toString();
    }

    /** Whether the instruction being written must leave its flags ({@link JitCpu#liveFlags}). */
    boolean keepFlags = true;

    private void block(Region.Block b) {
        current = cases.get(b.start());
        // Room for the whole block, or leave at its start.
        js.append("if(left<").append(b.length()).append("){npc=").append(b.start()).append(";break L;}left=left-").append(b.length()).append("|0;\n");
        int done = 0;
        boolean[] live = cpu.liveFlags(code, b, true);
        int[] slots = b.slots();
        for (int i = 0; i < slots.length; i++) {
            int at = slots[i];
            int slot = at << 2;
            int w = code[slot];
            keepFlags = live[i];
            instruction(b, at, done, w, code[slot + 1], code[slot + 2], code[slot + 3]);
            keepFlags = true;
            js.append('\n');
            done += cpu.fused(w & 0xFF) ? 2 : 1;
        }
        if (b.end() == Region.End.FALL_THROUGH || b.end() == Region.End.HAND_BACK) go(b.next());
        current = -1;
    }

    // ------------------------------------------------------------------ control

    /** Continues at guest {@code pc}: its block if the region has it (a mark that {@link Structure} resolves), else out. */
    final void go(int pc) {
        Integer c = cases.get(pc);
        if (c != null) {
            edges.get(current).add(c);
            js.append(GO).append(c).append(END);
        } else js.append("npc=").append(pc).append(";x=").append(exits.computeIfAbsent(pc, e -> exits.size())).append(";break L;");
    }

    /** The direct exits' targets, by exit number: what {@link LinkedRegion#next} links. */
    final int[] exits() {
        return exits.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Goes to the address in the JavaScript expression {@code target}: through the switch when one
     * of its cases starts there ({@link Structure}: the entry, the blocks calls return to), else out.
     */
    final void goTo(String target) {
        js.append("npc=").append(target).append(';').append(DISPATCH);
    }

    /**
     * The blocks as structured JavaScript, as a WebAssembly compiler writes a reducible flow graph
     * (Ramsey, "Beyond Relooper", 2022): a block that is the target of a jump back from code it
     * dominates is a loop ({@code Hn:for(;;)}, the jump {@code continue Hn}); a block that more than
     * one jump forward reaches follows a labelled statement that ends before it ({@code Bn:{...}},
     * the jumps {@code break Bn}) inside the block that dominates it; a block only one jump forward
     * reaches is written where that jump is. So a guest loop is a JavaScript loop, and going from
     * block to block is a jump, not a trip round the outer {@code switch}.
     *
     * <p>The switch remains for the roots: the entry, the blocks calls return to (an indirect jump,
     * a return, reaches only these without leaving the region), and the blocks that would make the
     * graph irreducible or that no single root dominates; a jump to a root from outside its own
     * code sets {@code k} and goes round the switch, as every jump did before.
     */
    private final class Structure {
        final int n = blockCode.size(), top = n; // top: the switch, above the roots
        final boolean[] root = new boolean[n];
        int[] rpo, idom;
        /** Forward jumps to each block (not from code it dominates). */
        int[] forward;
        final boolean[] header = new boolean[n];
        /** The blocks each block immediately dominates that more than one jump forward reaches, by reverse postorder. */
        List<List<Integer>> merges;

        Structure() {
            root[0] = true;
            for (Region.Block b : blocks) {
                Integer c = b.end() == Region.End.CALL ? cases.get(b.next()) : null;
                if (c != null) root[c] = true;
            }
            // Roots are added until every block has one dominating root and every jump back goes to a block that dominates it.
            for (boolean changed = true; changed; ) {
                order();
                dominators();
                changed = false;
                for (int y = 0; y < n; y++) {
                    if (root[y]) continue;
                    boolean make = idom[y] == top;
                    for (int x = 0; x < n && !make; x++)
                        for (int t : edges.get(x)) if (t == y && rpo[y] <= rpo[x] && !dominates(y, x)) make = true;
                    if (make) {
                        root[y] = true;
                        changed = true;
                    }
                }
            }
            forward = new int[n];
            merges = new ArrayList<>();
            for (int y = 0; y < n; y++) merges.add(new ArrayList<>());
            for (int x = 0; x < n; x++)
                for (int y : edges.get(x)) {
                    if (dominates(y, x)) header[y] = true;
                    else forward[y]++;
                }
            for (int y = 0; y < n; y++) if (!root[y] && forward[y] > 1) merges.get(idom[y]).add(y);
            for (List<Integer> m : merges) m.sort((p, q) -> rpo[p] - rpo[q]);
        }

        /** Reverse postorder from the switch (the roots in their order), by depth-first search; a block it does not reach becomes a root. */
        void order() {
            rpo = new int[n + 1];
            Arrays.fill(rpo, -1);
            int[] post = new int[n];
            int[] count = {0};
            boolean[] seen = new boolean[n];
            for (int r = 0; r < n; r++) if (root[r] && !seen[r]) visit(r, seen, post, count);
            for (int r = 0; r < n; r++) if (!seen[r]) {
                root[r] = true;
                visit(r, seen, post, count);
            }
            rpo[top] = 0;
            for (int i = 0; i < n; i++) rpo[post[i]] = n - i;
        }

        private void visit(int x, boolean[] seen, int[] post, int[] count) {
            seen[x] = true;
            for (int y : edges.get(x)) if (!seen[y]) visit(y, seen, post, count);
            post[count[0]++] = x;
        }

        /** Immediate dominators (Cooper, Harvey and Kennedy's iteration), the switch above the roots. */
        void dominators() {
            Integer[] byRpo = new Integer[n];
            for (int i = 0; i < n; i++) byRpo[i] = i;
            Arrays.sort(byRpo, (p, q) -> rpo[p] - rpo[q]);
            List<List<Integer>> preds = new ArrayList<>();
            for (int y = 0; y < n; y++) preds.add(new ArrayList<>());
            for (int x = 0; x < n; x++) for (int y : edges.get(x)) preds.get(y).add(x);
            idom = new int[n + 1];
            Arrays.fill(idom, -1);
            idom[top] = top;
            for (boolean changed = true; changed; ) {
                changed = false;
                for (int y : byRpo) {
                    int d = root[y] ? top : -1;
                    for (int p : preds.get(y)) if (idom[p] != -1) d = d == -1 ? p : intersect(d, p);
                    if (d != idom[y]) {
                        idom[y] = d;
                        changed = true;
                    }
                }
            }
        }

        private int intersect(int p, int q) {
            while (p != q) {
                while (rpo[p] > rpo[q]) p = idom[p];
                while (rpo[q] > rpo[p]) q = idom[q];
            }
            return p;
        }

        /** True when every way from the switch to {@code y} goes through {@code d} (d = y included). */
        boolean dominates(int d, int y) {
            for (int v = y; ; v = idom[v]) {
                if (v == d) return true;
                if (v == top) return false;
            }
        }

        /** The switch's cases: each root with the code it dominates. */
        String write() {
            StringBuilder s = new StringBuilder();
            for (int r = 0; r < n; r++) if (root[r]) s.append("case ").append(r).append(":\n").append(tree(r));
            return s.toString();
        }

        /** Block {@code x} and the blocks it immediately dominates, structured. */
        String tree(int x) {
            StringBuilder s = new StringBuilder();
            List<Integer> m = merges.get(x);
            if (header[x]) s.append('H').append(x).append(":for(;;){\n");
            for (int i = m.size() - 1; i >= 0; i--) s.append('B').append(m.get(i)).append(":{\n");
            String c = blockCode.get(x);
            for (int i = 0; i < c.length(); i++) {
                char ch = c.charAt(i);
                if (ch == GO) {
                    int e = c.indexOf(END, i);
                    s.append(jump(x, Integer.parseInt(c.substring(i + 1, e))));
                    i = e;
                } else if (ch == DISPATCH) {
                    s.append("switch(npc){");
                    for (var e : cases.entrySet())
                        if (root[e.getValue()]) s.append("case ").append(e.getKey()).append(":k=").append(e.getValue()).append(";continue L;");
                    s.append("}break L;");
                } else s.append(ch);
            }
            for (int y : m) s.append("}\n").append(tree(y));
            if (header[x]) s.append('}');
            return s.append('\n').toString();
        }

        /** The jump from block {@code x} to block {@code y}. */
        String jump(int x, int y) {
            if (dominates(y, x)) return "continue H" + y + ";";
            if (root[y]) return "k=" + y + ";continue L;";
            if (forward[y] > 1) return "break B" + y + ";";
            if (idom[y] != x) throw new IllegalStateException("block " + y + " reached once, from " + x + ", but dominated by " + idom[y]);
            return "{" + tree(y) + "}";
        }
    }

    /** Stops before the instruction at {@code at}, the {@code done}-th of its block: the interpreter does it. */
    final String bail(Region.Block b, int at, int done) {
        return "{f[" + BAILED + "]=f[" + BAILED + "]+1|0;left=left+" + (b.length() - done) + "|0;npc=" + at + ";break L;}";
    }

    /** The condition of the fused jump {@code cc} after comparing {@code a} and {@code b}: {@link CompareBranch#taken}. */
    static String taken(int cc) {
        switch (cc) {
            case CompareBranch.CC_Z: return "((a-b)&65535)===0";
            case CompareBranch.CC_NZ: return "((a-b)&65535)!==0";
            case CompareBranch.CC_LT: return "(a<<16>>16)<(b<<16>>16)";
            case CompareBranch.CC_GE: return "(a<<16>>16)>=(b<<16>>16)";
            case CompareBranch.CC_GT: return "(a<<16>>16)>(b<<16>>16)";
            case CompareBranch.CC_LE: return "(a<<16>>16)<=(b<<16>>16)";
            case CompareBranch.CC_B: return "a<b";
            case CompareBranch.CC_AE: return "a>=b";
            case CompareBranch.CC_A: return "a>b";
            default: return "a<=b";
        }
    }

    /** The fused jump after the compare of {@code a} and {@code b}: to {@code target} when {@code cc} holds, else to {@code after}. */
    final void branch(int cc, int target, int after) {
        js.append("if(").append(taken(cc)).append("){");
        go(target);
        js.append('}');
        go(after);
    }

    // ------------------------------------------------------------------ registers and memory

    /** Guest register {@code k} as an expression. */
    final String reg(int k) {
        return zero(k) ? "0" : "r" + k;
    }

    /** Register {@code x} = {@code value}; a slot that reads 0 drops it. */
    final void set(int x, String value) {
        if (x >= written.length || zero(x)) return;
        written[x] = true;
        js.append('r').append(x).append('=').append(value).append(';');
    }

    /** a = (r[base] + disp) & FFFFh. */
    final void address(int base, int disp) {
        js.append("a=(").append(reg(base)).append('+').append(disp).append(")&65535;");
    }

    /** The word at {@code a}, in the CPU's byte order. */
    final String word() {
        return bigEndian() ? "((m[a]&255)<<8|m[a+1]&255)" : "((m[a+1]&255)<<8|m[a]&255)";
    }

    /** The byte at {@code a}. */
    static String loadByte() {
        return "(m[a]&255)";
    }

    /** The word {@code b} stored at {@code a}. */
    final void storeWord() {
        js.append(bigEndian() ? "m[a]=b>>>8;m[a+1]=b;" : "m[a+1]=b>>>8;m[a]=b;");
    }

    /** The fast loop's test of {@code a}: the null page, a refused word, and for a write pre-decoded code. */
    final void check(Region.Block b, int at, int done, boolean word, boolean write) {
        js.append("if(a<").append(Machine.NULL_PAGE_END);
        if (word) js.append("||").append(badWord());
        if (write) {
            js.append("||cb[a]!==0");
            if (word) js.append("||cb[a+1]!==0");
        }
        js.append(')').append(bail(b, at, done));
    }

    /** push: sp - 2 into a, checked, the word {@code value} stored there, then sp = a. */
    final void pushWord(Region.Block b, int at, int done, String value) {
        js.append("a=(").append(reg(sp())).append("-2)&65535;");
        check(b, at, done, true, true);
        js.append("b=").append(value).append(';');
        storeWord();
        set(sp(), "a");
    }

    /** pop: the word at sp, checked, into register {@code x}; sp += 2 first. */
    final void popWord(Region.Block b, int at, int done, int x) {
        js.append("a=").append(reg(sp())).append(';');
        check(b, at, done, true, false);
        set(sp(), "(" + reg(sp()) + "+2)&65535");
        if (x >= 0) set(x, word());
    }

    /** call (to {@code z}, or to register {@code y} when {@code viaRegister}): push the return address {@code next}, then jump. */
    final void call(Region.Block b, int at, int done, boolean viaRegister, int y, int z, int next) {
        if (viaRegister) js.append("t=").append(reg(y)).append(';'); // read before sp moves
        pushWord(b, at, done, String.valueOf(next));
        if (!viaRegister) go(z);
        else goTo("t");
    }

    /** ret: pop the return address and leave for it. */
    final void ret(Region.Block b, int at, int done) {
        js.append("a=").append(reg(sp())).append(';');
        check(b, at, done, true, false);
        set(sp(), "(" + reg(sp()) + "+2)&65535");
        goTo(word());
    }
}
