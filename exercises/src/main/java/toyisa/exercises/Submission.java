package toyisa.exercises;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.container.Fat;
import toyisa.container.FormatException;
import toyisa.container.HexText;
import toyisa.container.Segment;
import toyisa.container.Txf;
import toyisa.container.Utf8;
import toyisa.isa.Instruction;
import toyisa.isa.Isa;
import toyisa.vm.Loader;
import toyisa.vm.Program;
import toyisa.vm.exec.BinfmtEntry;

/**
 * A student's file made ready to grade: a program per CPU (assembled from source, or loaded from hex
 * text, raw bytes, TXF or fat), or the answers of a text exercise, or a binfmt entry. What could not
 * be made ready is a problem the student is told about; it never stops the grading.
 */
public final class Submission {
    /** Largest file a student can hand in. */
    public static final int MAX_BYTES = 1 << 20;
    /** Largest source: far above any exercise's, and small enough to assemble for every CPU in a few seconds. */
    public static final int MAX_SOURCE_BYTES = 256 << 10;

    /** A program ready to run on one CPU, with what the static checks look at. */
    public record Built(Program program, int codeSize, List<String> mnemonics) {}

    /** By CPU id: each lookup of a CPU by name may give a new instance. */
    private final Map<String, Built> built = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private boolean formatError;
    private Answers.Sheet answers;
    private BinfmtEntry entry;
    private Exercise.Form form;

    private Submission() {}

    /** An empty placeholder: nothing was handed in (the reason is the problem). */
    public static Submission missing(String why) {
        Submission s = new Submission();
        s.problems.add(why);
        s.formatError = true;
        return s;
    }

    /** Prepares a submission's file contents for an exercise. */
    public static Submission prepare(Exercise exercise, String fileName, byte[] contents) {
        Submission s = new Submission();
        if (contents.length == 0) return missing(fileName + ": the file is empty");
        if (contents.length > MAX_BYTES) return missing(fileName + ": the file is larger than 1 MiB");
        if (exercise.submit() != Exercise.Submit.BINARY && contents.length > MAX_SOURCE_BYTES)
            return missing(fileName + ": the file is larger than 256 KiB (no solution to this exercise needs that much text)");
        switch (exercise.submit()) {
            case SOURCE -> s.assemble(exercise, fileName, contents);
            case BINARY -> s.load(exercise, fileName, contents);
            case TEXT -> {
                String text = s.text(fileName, contents);
                if (text != null) s.answers = Answers.parse(text);
                if (s.answers != null && !s.answers.problems().isEmpty()) s.problems.add(s.answers.problems().strip());
            }
            case BINFMT -> s.entry(fileName, contents);
        }
        return s;
    }

    private String text(String fileName, byte[] contents) {
        String text = Utf8.text(contents);
        if (text == null) fail(fileName + ": not a text file (UTF-8 expected)");
        return text;
    }

    private void fail(String problem) {
        problems.add(problem);
        formatError = true;
    }

    private void assemble(Exercise exercise, String fileName, byte[] contents) {
        String source = text(fileName, contents);
        if (source == null) return;
        for (Isa cpu : exercise.cpus()) {
            Assembly a = Assembler.assemble(fileName, source, cpu);
            if (!a.ok()) {
                fail("does not assemble for " + cpu.name() + ":\n" + a.formatDiagnostics().stripTrailing());
                continue;
            }
            List<String> ms = new ArrayList<>();
            for (String m : a.mnemonics()) ms.add(m.toLowerCase(Locale.ROOT));
            built.put(cpu.id(), new Built(Program.raw(a.binary()), a.binary().length, List.copyOf(ms)));
        }
    }

    private void load(Exercise exercise, String fileName, byte[] contents) {
        byte[] bytes = contents;
        if (Txf.isTxf(contents)) form = Exercise.Form.TXF;
        else if (Fat.isFat(contents)) form = Exercise.Form.FAT;
        else if (HexText.isText(contents)) {
            form = Exercise.Form.HEX;
            try {
                bytes = HexText.parse(contents);
            } catch (FormatException e) {
                fail(fileName + ": " + e.getMessage());
                return;
            }
            if (bytes.length == 0) {
                fail(fileName + ": no bytes (only comments)");
                return;
            }
        } else form = Exercise.Form.RAW;
        if (!exercise.accept().contains(form)) {
            List<String> ok = new ArrayList<>();
            for (Exercise.Form f : exercise.accept()) ok.add(describe(f));
            fail(fileName + " is " + describe(form) + "; this exercise takes " + String.join(" or ", ok));
            return;
        }
        for (Isa cpu : exercise.cpus()) {
            try {
                Program p = Loader.load(bytes, cpu);
                int size = 0;
                for (Segment seg : p.segments()) size += seg.size();
                built.put(cpu.id(), new Built(p, size, sweep(cpu, p)));
            } catch (FormatException e) {
                problems.add(fileName + " cannot be loaded on " + cpu.name() + ": " + e.getMessage());
            }
        }
    }

    private static String describe(Exercise.Form f) {
        return switch (f) {
            case HEX -> "hex text";
            case RAW -> "a raw binary";
            case TXF -> "a TXF executable";
            case FAT -> "a fat file";
        };
    }

    /** The instructions a CPU decodes from the entry to the end of the code: what the static checks see of a binary. */
    private static List<String> sweep(Isa cpu, Program p) {
        byte[] mem = new byte[0x10000];
        int end = 0;
        for (Segment s : p.segments()) {
            System.arraycopy(s.bytes(), 0, mem, s.address(), s.size());
            end = Math.max(end, s.address() + s.size());
        }
        List<String> out = new ArrayList<>();
        int pc = p.entry();
        for (int n = 0; pc < end && n < 0x10000; n++) {
            Instruction insn = cpu.decode(mem, pc);
            if (insn.isIllegal()) break;
            out.add(insn.row().mnemonic().toLowerCase(Locale.ROOT));
            pc += insn.length();
        }
        return List.copyOf(out);
    }

    private void entry(String fileName, byte[] contents) {
        String text = text(fileName, contents);
        if (text == null) return;
        byte[] magic = null, mask = new byte[0];
        int offset = 0;
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int eq = l.indexOf('=');
            if (eq < 0) eq = l.indexOf(' ');
            if (eq < 0) {
                fail("line " + n + ": write 'magic = \\x7fTXF…', 'mask = \\xff…' or 'offset = 0'");
                return;
            }
            String key = l.substring(0, eq).strip().toLowerCase(Locale.ROOT), value = l.substring(eq + 1).strip();
            switch (key) {
                case "magic", "mask" -> {
                    byte[] b = BinfmtEntry.unescape(value);
                    if (b == null || (key.equals("magic") && b.length == 0)) {
                        fail("line " + n + ": the " + key + " must be written as \\xNN escapes, like \\x7f\\x54");
                        return;
                    }
                    if (key.equals("magic")) magic = b;
                    else mask = b;
                }
                case "offset" -> {
                    try {
                        offset = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        offset = -1;
                    }
                    if (offset < 0 || offset > 127) {
                        fail("line " + n + ": the offset is a number of bytes, 0..127 (binfmt_misc looks at the first 128 bytes)");
                        return;
                    }
                }
                default -> {
                    fail("line " + n + ": '" + Answers.clip(key) + "' is not magic, mask or offset");
                    return;
                }
            }
        }
        if (magic == null) fail("no magic line: write 'magic = \\x7fTXF…'");
        else if (mask.length != 0 && mask.length != magic.length)
            fail("the mask has " + mask.length + " bytes but the magic has " + magic.length + ": they must be the same length");
        else if (offset + magic.length > 128) fail("offset + magic length is past the first 128 bytes binfmt_misc reads");
        else entry = new BinfmtEntry("submission", true, "student", BinfmtEntry.Type.MAGIC, offset, magic, mask, "-");
    }

    /** The program for a CPU, or null when the submission could not be made into one. */
    public Built builtFor(Isa cpu) {
        return built.get(cpu.id());
    }

    public Answers.Sheet answers() {
        return answers;
    }

    /** The binfmt entry handed in, or null. */
    public BinfmtEntry entry() {
        return entry;
    }

    /** What is wrong with the submission as a whole (assembly errors, unreadable hex), or empty. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * True when the file could not be read as the exercise's kind at all (empty, junk, does not
     * assemble): PrairieLearn calls such a submission not gradable and charges no attempt.
     */
    public boolean formatError() {
        return formatError;
    }
}
