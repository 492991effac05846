package toyisa.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import toyisa.debug.Debugger;
import toyisa.debug.Breakpoint;
import toyisa.debug.Watch;
import toyisa.isa.Isa;

/** Tab completion: commands first; then, by command, registers, labels, CPU names, file names or sub-commands. */
final class Completion {
    private final Session s;

    Completion(Session s) {
        this.s = s;
    }

    /**
     * Candidates for the word being typed: {@code words} are the words before it on the line,
     * {@code partial} the part of it typed so far.
     */
    List<String> complete(List<String> words, String partial) {
        Debugger dbg = s.dbg();
        List<String> all = new ArrayList<>();
        if (words.isEmpty()) {
            for (Commands c : Commands.values()) if (c != Commands.EXAMINE) all.add(c.name);
        } else {
            String first = words.get(0);
            Commands c = Commands.find(first.contains("/") ? first.substring(0, first.indexOf('/')) : first);
            if (c == null) return List.of();
            switch (c) {
                case LOAD: return files(partial);
                case CPU: for (Isa isa : Isa.all()) all.add(isa.id()); break;
                case TRACE: all.addAll(List.of("on", "off")); break;
                case HELP: for (Commands h : Commands.values()) if (h != Commands.EXAMINE) all.add(h.name); break;
                case INFO:
                    if (words.size() == 1) all.addAll(List.of("breaks", "labels", "history", "registers", "frame", "line", "display"));
                    else all.addAll(registerNames());
                    break;
                case DELETE: case CONDITION: case IGNORE:
                    for (Breakpoint b : dbg.breakpoints()) all.add(Integer.toString(b.id()));
                    if (c == Commands.DELETE) for (Watch w : dbg.watches()) all.add(Integer.toString(w.id()));
                    break;
                case BREAK: case TBREAK: case LIST: case UNTIL: case ADVANCE:
                    all.addAll(s.image().labels.keySet());
                    break;
                case WATCH: case RWATCH: case AWATCH: case MEM: case DISASM: case COMPARE: case SET: case PRINT: case DISPLAY: case EXAMINE:
                    all.addAll(registerNames());
                    all.addAll(s.image().labels.keySet());
                    break;
                case ASM:
                    if (words.size() == 1) all.addAll(dbg.cpu().table().mnemonics());
                    else all.addAll(registerNames());
                    all.addAll(s.image().labels.keySet());
                    break;
                default:
                    return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (String w : all) if (w.startsWith(partial) && !out.contains(w)) out.add(w);
        out.sort(null);
        return out;
    }

    private List<String> registerNames() {
        Debugger dbg = s.dbg();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dbg.machine().registerCount(); i++) names.add(dbg.cpu().registers().name(i));
        for (String n : dbg.cpu().registers().allNames()) if (!names.contains(n)) names.add(n);
        return names;
    }

    /** File names for {@code load}: entries of the directory the partial path names, directories with a slash. */
    List<String> files(String partial) {
        int slash = partial.lastIndexOf('/');
        String dirPart = slash >= 0 ? partial.substring(0, slash + 1) : "";
        String prefix = partial.substring(slash + 1);
        Path dir = s.base.resolve(dirPart.isEmpty() ? "." : dirPart);
        List<String> out = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && (!n.startsWith(".") || prefix.startsWith(".")))
                    out.add(dirPart + n + (Files.isDirectory(p) ? "/" : ""));
            });
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
