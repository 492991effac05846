package toyisa.lsp;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.asm.Definition;
import toyisa.asm.IncludeResolver;
import toyisa.container.HostFiles;
import toyisa.isa.Isa;

/**
 * One open document assembled for every CPU, with the files it includes: what every request about
 * it is answered from. Included files are read from the editor's open copy when there is one (the
 * student's unsaved edits), else from disk, relative to the including file as the command line does.
 */
final class Analysis {
    final String uri;
    /** The file name the assembler was given (the path, for a file: URI). */
    final String fileName;
    final String text;
    /** One assembly per CPU, in {@link Isa#all()} order. */
    final List<Assembly> slices;
    /** Every file read: assembler file name → text (the document first). */
    final Map<String, String> files;
    /** Which file included which: included file name → the including file and the name it wrote. */
    final Map<String, String[]> includedBy;
    private final Map<String, List<SourceLine>> lines = new LinkedHashMap<>();
    final SourceLine.Lexicon words;

    private Analysis(String uri, String fileName, String text, List<Assembly> slices, Map<String, String> files,
                     Map<String, String[]> includedBy) {
        this.uri = uri;
        this.fileName = fileName;
        this.text = text;
        this.slices = slices;
        this.files = files;
        this.includedBy = includedBy;
        Set<String> macros = new HashSet<>();
        for (Definition d : definitions()) if (d.kind() == Definition.Kind.MACRO) macros.add(d.name());
        this.words = SourceLine.Lexicon.of(macros);
    }

    /**
     * Assembles a document for every CPU.
     *
     * @param open the text the editor holds for a URI, or null when it has none open
     */
    static Analysis of(String uri, String text, Function<String, String> open) {
        String fileName = fileName(uri);
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String[]> includedBy = new LinkedHashMap<>();
        files.put(fileName, text);
        boolean onDisk = !fileName.equals(uri);
        IncludeResolver resolver = (from, name) -> {
            if (!onDisk) throw new IOException("save the file first: includes are found beside it");
            Path p;
            try {
                p = Path.of(from).resolveSibling(name).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new IOException("'" + name + "' is not a file name");
            }
            String key = p.toString();
            String t = files.get(key);
            if (t == null) {
                t = open.apply(p.toUri().toString());
                if (t == null) {
                    if (!java.nio.file.Files.isRegularFile(p)) throw new IOException("cannot find '" + name + "' (looked for " + p + ")");
                    t = HostFiles.readText(p, Assembler.MAX_SOURCE_CHARS);
                }
                files.put(key, t);
            }
            includedBy.putIfAbsent(key, new String[] {from, name});
            return new IncludeResolver.Source(key, t);
        };
        List<Assembly> slices = new ArrayList<>();
        for (Isa isa : Isa.all()) slices.add(Assembler.assemble(fileName, text, isa, Assembler.DEFAULT_ORIGIN, resolver));
        return new Analysis(uri, fileName, text, List.copyOf(slices), files, includedBy);
    }

    /** The assembler's name for a document: its path for a file: URI, else the URI itself (no includes then). */
    static String fileName(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u).toAbsolutePath().normalize().toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not a file: URI the host understands; named by the URI itself
        }
        return uri;
    }

    /** The URI of a file the assembler read. */
    String uriOf(String file) {
        if (file.equals(fileName)) return uri;
        return Path.of(file).toUri().toString();
    }

    /** A file's lines, cut into tokens (cached). */
    List<SourceLine> linesOf(String file) {
        return lines.computeIfAbsent(file, f -> SourceLine.of(files.getOrDefault(f, ""), words));
    }

    List<SourceLine> lines() {
        return linesOf(fileName);
    }

    /** Definitions of every slice, each name once (the first CPU's where both define it). */
    List<Definition> definitions() {
        Map<String, Definition> out = new LinkedHashMap<>();
        for (Assembly a : slices) for (Definition d : a.definitions()) out.putIfAbsent(d.kind() + " " + d.name(), d);
        return List.copyOf(out.values());
    }

    /** The definition of a name as written at a use (macros are found whatever their case), or null. */
    Definition definition(String name) {
        for (Definition d : definitions()) {
            if (d.kind() == Definition.Kind.MACRO ? d.name().equalsIgnoreCase(name) : d.name().equals(name)) return d;
        }
        return null;
    }
}
