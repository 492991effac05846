package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import toyisa.asm.Assembler;
import toyisa.container.Symbol;
import toyisa.container.Txf;
import toyisa.container.TxfImage;
import toyisa.isa.Isa;
import toyisa.isa.Printable;

/**
 * Every command over hostile files — a TXF whose symbol and source-file names carry escape
 * sequences, C1 controls, newlines and bidi overrides; a course whose titles, statements and test
 * names do; files whose names do — prints not one raw control or bidi character (line ends and tabs
 * of toyisa's own text aside), and no forged line.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HostileTerminalTextTest {
    @TempDir
    Path dir;

    /** Each hostile piece: ESC sequences, CSI as one C1 character, a forged line, bidi overrides, isolates and marks. */
    static final String[] HOSTILE = {
        "\u001b[2J\u001b[31mred", "\u009b2Jcsi", "nl\nFORGED: a line of its own", "cr\roverwritten", "rlo\u202Eevil",
        "iso\u2066x\u2069", "mark\u200F\u200E\u061C", "bell\u0007del\u007F", "lre\u202Apdf\u202C"};

    static String hostile(int i) {
        return HOSTILE[i % HOSTILE.length];
    }

    record Ran(String what, String text) {}

    private final List<Ran> runs = new ArrayList<>();

    private void toyisa(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Toyisa.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        runs.add(new Ran(String.join(" ", args), out + "\n" + err));
    }

    /** A TXF that calls a function which divides by zero, its every name hostile. */
    private Path hostileTxf(String name) throws Exception {
        String src = """
                start:  mov a, 10h
                        mov c, 100
                        call work
                        halt
                work:   mov b, 0
                loop:   divu c, b
                        ret
                """;
        TxfImage img = Txf.read(Assembler.assemble("p.pasm", src, Isa.byName("intellio")).toTxf());
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < img.symbols().size(); i++) symbols.add(new Symbol(hostile(i), img.symbols().get(i).address()));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < img.files().size(); i++) files.add(hostile(i + 3) + ".pasm");
        TxfImage evil = new TxfImage(img.machine(), img.byteOrder(), img.type(), img.entry(), img.segments(), symbols, files, img.lines());
        return Files.write(dir.resolve(name), Txf.write(evil));
    }

    /** A course of one exercise whose title, statement and test names are hostile. */
    private Path hostileCourse() throws IOException {
        Path x = Files.createDirectories(dir.resolve("course").resolve("evil"));
        Files.writeString(x.resolve("exercise.toml"), "title = \"" + toml(hostile(0) + hostile(4)) + "\"\n"
                + "lesson = \"" + toml(hostile(5)) + "\"\n"
                + "[[test]]\nname = \"" + toml(hostile(1) + hostile(6)) + "\"\nstdout = \"7\\n\"\n"
                + "[[test]]\nname = \"" + toml(hostile(2)) + "\"\nstdout = \"" + toml(hostile(3)) + "\"\n");
        Files.writeString(x.resolve("statement.md"), "# " + hostile(0) + "\n" + String.join("\n", HOSTILE) + "\n");
        Files.writeString(x.resolve("starter.pasm"), "; " + hostile(4) + "\n        halt\n");
        Files.writeString(x.resolve("solution.pasm"), "mov a, 10h\nmov c, 7\nint 13h\nhalt\n");
        return dir.resolve("course");
    }

    private static String toml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    @Test
    void noCommandPrintsARawControlOrBidiCharacterFromAHostileFile() throws Exception {
        Path txf = hostileTxf("evil.txf");
        Path named = hostileTxf("name" + hostile(0) + hostile(4) + ".txf");
        Path script = Files.writeString(dir.resolve("s.gdb"),
                "info labels\nbreak " + hostile(0) + "\nrun\nbt\ninfo registers\nlist\nx/4i $pc\nunknown" + hostile(0) + hostile(4) + "\n"
                        + "print " + hostile(1) + "\nreset\nstep 3\nbt\n");
        Path badSource = Files.writeString(dir.resolve("bad" + hostile(0) + ".pasm"),
                "        mov a, 10h\n" + hostile(4) + ": nop\n        bogus" + hostile(0) + " a\n.include \"" + hostile(5) + "\"\n");
        Path course = hostileCourse();
        Path answer = Files.writeString(dir.resolve("answer" + hostile(4) + ".pasm"), "mov a, 10h\nmov c, 8\nint 13h\nhalt\n");
        Path subs = Files.createDirectories(dir.resolve("subs"));
        Files.writeString(subs.resolve("st" + hostile(0) + "udent.pasm"), "halt\n");
        Files.writeString(subs.resolve("rl" + hostile(4) + ".pasm"), "bogus\n");
        Path registry = Files.writeString(dir.resolve("registry"), "evil" + hostile(0) + " (enabled):\n     package = " + hostile(4) + "\n");

        for (Path f : new Path[] {txf, named}) {
            toyisa("readtxf", f.toString());
            toyisa("run", "--cpu", "intellio", f.toString());
            toyisa("run", "--cpu", "armistice", f.toString());
            toyisa("run", "--cpu", "intellio", "--trace", f.toString());
            toyisa("exec", "--machine", "intellio", f.toString());
            toyisa("exec", "--machine", "armistice", f.toString());
            toyisa("emulate", "--guest", "intellio", "--host", "armistice", f.toString());
            toyisa("disasm", f.toString());
            toyisa("disasm", "--cpu", "armistice", f.toString());
            toyisa("compare", f.toString());
            toyisa("repl", "--script", script.toString(), f.toString());
            toyisa("binfmt", "--registry", dir.resolve("none").toString(), "--find", f.toString());
        }
        toyisa("asm", "--target", "intellio", "-o", dir.resolve("x.bin").toString(), badSource.toString());
        toyisa("asm", "--target", "fat", "-o", dir.resolve("x.txf").toString(), badSource.toString());
        toyisa("run", "--cpu", "intellio", badSource.toString());
        toyisa("run", "--cpu", "intellio", dir.resolve("missing" + hostile(0)).toString());
        toyisa("binfmt", "--registry", registry.toString(), "--display");
        toyisa("exercise", "--course", course.toString(), "list");
        toyisa("exercise", "--course", course.toString(), "show", "evil");
        toyisa("exercise", "--course", course.toString(), "check", "evil", answer.toString());
        toyisa("exercise", "--course", course.toString(), "validate");
        toyisa("exercise", "--course", course.toString(), "grade", "evil", subs.toString(), "-o", dir.resolve("out").toString());
        toyisa("exercise", "--course", course.toString(), "show", "no" + hostile(0));
        toyisa("web", "--course", course.toString(), "--export", dir.resolve("site").toString());

        List<String> failures = new ArrayList<>();
        for (Ran r : runs) {
            for (int i = 0; i < r.text().length(); i++) {
                char c = r.text().charAt(i);
                if (c != '\n' && c != '\t' && Printable.unsafe(c)) {
                    int from = Math.max(0, i - 40), to = Math.min(r.text().length(), i + 20);
                    failures.add(Printable.name(r.what()) + ": raw " + String.format(Locale.ROOT, "U+%04X", (int) c)
                            + " in: " + Printable.name(r.text().substring(from, to)));
                    break;
                }
            }
            if (r.text().lines().anyMatch(l -> l.startsWith("FORGED"))) failures.add(Printable.name(r.what()) + ": a forged line");
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + runs.size() + " commands:\n" + String.join("\n", failures));
    }
}
