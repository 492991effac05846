package toyisa.jit;

import toyisa.vm.CompareBranch;
import toyisa.vm.Core;
import toyisa.vm.Machine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * blocks are the cases of a {@code switch} in a loop, so a guest loop is a JavaScript loop; a block
 * that jumps back to its own start is a loop inside its case, without the trip through the switch. It
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
    final StringBuilder js = new StringBuilder();
    private final boolean[] written;
    /** Block start to its case number. */
    private final Map<Integer, Integer> cases = new HashMap<>();
    /** The direct exits' targets, numbered in the order they are met. */
    private final Map<Integer, Integer> exits = new LinkedHashMap<>();
    /** The start of the block being written (-1 between blocks), and whether it jumps to its own start. */
    private int current = -1;
    private boolean selfLoop;

    ScriptCompiler(Core core, JitCpu cpu, Region region) {
        this.code = core.code();
        this.cpu = cpu;
        this.region = region;
        this.written = new boolean[cpu.registers()];
        for (int start : region.blocks.keySet()) cases.put(start, cases.size());
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
        for (Region.Block b : region.blocks.values()) block(b);
        String blocks = body.substring(start);
        body.setLength(start);
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

    /**
     * Whether each instruction of {@code b} (by slot) must leave its flags ({@link #keepFlags} while
     * it is written): false only where the flags it sets are overwritten further on in the block
     * before anything could see them. All true unless the CPU says otherwise.
     */
    boolean[] liveFlags(Region.Block b) {
        boolean[] live = new boolean[b.slots().length];
        Arrays.fill(live, true);
        return live;
    }

    /**
     * The flags' liveness backwards through one block, for {@link #liveFlags}: the flags are live at
     * the block's end (the next block's budget check may leave there), and before any instruction
     * that is not {@code pure} (a load, store, push, pop, call, return, division or jump: it may bail
     * out or leave before setting flags of its own, and then the interpreter must find the flags it
     * would have made; a fused compare and jump sets them first, and counts as pure); an instruction
     * that {@code overwrites} all the flags makes them dead before it; one that {@code reads} the
     * flags before it (a shift keeps O) makes them live before it when its own are live after it.
     */
    final boolean[] liveFlags(Region.Block b, java.util.function.IntPredicate pure, java.util.function.IntPredicate overwrites,
                              java.util.function.IntPredicate reads) {
        int[] slots = b.slots();
        boolean[] live = new boolean[slots.length];
        boolean after = true;
        for (int i = slots.length - 1; i >= 0; i--) {
            int kind = code[slots[i] << 2] & 0xFF;
            live[i] = after;
            if (!pure.test(kind)) after = true;
            else if (overwrites.test(kind)) after = false;
            else if (reads.test(kind)) after = live[i];
        }
        return live;
    }

    /** Whether the instruction being written must leave its flags ({@link #liveFlags}). */
    boolean keepFlags = true;

    private void block(Region.Block b) {
        js.append("case ").append(cases.get(b.start())).append(":\n");
        // A block that goes back to its own start is a loop of its own (S), not a trip through the switch.
        current = b.start();
        selfLoop = false;
        int open = js.length();
        // Room for the whole block, or leave at its start.
        js.append("if(left<").append(b.length()).append("){npc=").append(b.start()).append(";break L;}left=left-").append(b.length()).append("|0;\n");
        int done = 0;
        boolean[] live = liveFlags(b);
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
        if (selfLoop) js.insert(open, "S:for(;;){").append('}');
        current = -1;
    }

    // ------------------------------------------------------------------ control

    /** Continues at guest {@code pc}: its block if the region has it, else out. */
    final void go(int pc) {
        if (pc == current) {
            js.append("continue S;");
            selfLoop = true;
            return;
        }
        Integer c = cases.get(pc);
        if (c != null) js.append("k=").append(c).append(";continue L;");
        else js.append("npc=").append(pc).append(";x=").append(exits.computeIfAbsent(pc, e -> exits.size())).append(";break L;");
    }

    /** The direct exits' targets, by exit number: what {@link LinkedRegion#next} links. */
    final int[] exits() {
        return exits.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Goes to the address in the JavaScript expression {@code target}: its block when the region has one there, else out. */
    final void goTo(String target) {
        js.append("npc=").append(target).append(";switch(npc){");
        for (var e : cases.entrySet()) js.append("case ").append(e.getKey()).append(":k=").append(e.getValue()).append(";continue L;");
        js.append("}break L;");
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
