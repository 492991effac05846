package toyisa.vm.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The binfmt registry: which foreign files {@code exec} hands to an interpreter (the emulator),
 * like Linux's {@code binfmt_misc} managed by {@code update-binfmts}.
 *
 * <p>It starts with three entries. {@code toyisa-woz} hands {@code .woz} fat binaries (zip files, one
 * program per machine) to the woz interpreter. {@code toyisa-intellio}, for Intellio TXF files, is <em>enabled</em>: it
 * hands them to the emulator ({@code toyisa emulate}, module {@code translator}), as an installed
 * {@code qemu-user-binfmt} does. Its mask {@code ff ff ff ff ff ff fe ff} ignores the lowest bit of the type
 * byte, so executables (2) and position-independent executables (3) both match — the same trick as
 * the {@code \xfe} over ELF's {@code e_type} in qemu's entries. {@code toyisa-armistice} is its
 * mirror image for Armistice TXF files on an Intellio machine (the seed's {@code qemu-aarch64}).
 *
 * <p>Registrations persist in a user file, in the text layout of {@link #display()} (in registration
 * order, with a {@code flags =} line for entries that have flags): by default
 * {@code ~/.config/toyisa/binfmt}, or the path in the system property {@code toyisa.binfmt} or the
 * environment variable {@code TOYISA_BINFMT} (tests point these at a temporary directory).
 *
 * <p>Matching follows the kernel: entries are tried <em>latest registered first</em> (binfmt_misc
 * adds each new entry at the head of its list), and the first enabled one that claims the file wins.
 */
public final class BinfmtRegistry {
    /** Name of the preinstalled Intellio entry. */
    public static final String INTELLIO_ENTRY = "toyisa-intellio";
    /** The interpreter the Intellio entry names: the command line runs it as the Intellio-on-Armistice emulator. */
    public static final String INTELLIO_EMULATOR = "toyisa-emulate-intellio";
    /** Name of the preinstalled Armistice entry (for an Intellio machine). */
    public static final String ARMISTICE_ENTRY = "toyisa-armistice";
    /** The interpreter the Armistice entry names: the command line runs it as the Armistice-on-Intellio emulator. */
    public static final String ARMISTICE_EMULATOR = "toyisa-emulate-armistice";
    /** Name of the preinstalled entry for {@code .woz} fat binaries (an extension entry, as in the seed). */
    public static final String WOZ_ENTRY = "toyisa-woz";
    /** The interpreter the woz entry names: it unpacks the slice for the running machine and runs it. */
    public static final String WOZ_INTERPRETER = "toyisa-woz";
    public static final String PROPERTY = "toyisa.binfmt";
    public static final String ENV = "TOYISA_BINFMT";

    private final List<BinfmtEntry> entries = new ArrayList<>();
    private final Path file;
    /** True when the registry was read from a file that holds no entry at all. */
    private boolean emptyFile;

    private BinfmtRegistry(Path file) {
        this.file = file;
    }

    /** The preinstalled entry for Intellio TXF executables (enabled: the emulator runs them). */
    public static BinfmtEntry intellioEntry() {
        return txfEntry(INTELLIO_ENTRY, toyisa.intellio.Intellio.ISA, INTELLIO_EMULATOR);
    }

    /** The preinstalled entry for Armistice TXF executables (enabled: on an Intellio machine the emulator runs them). */
    public static BinfmtEntry armisticeEntry() {
        return txfEntry(ARMISTICE_ENTRY, toyisa.armistice.Armistice.ISA, ARMISTICE_EMULATOR);
    }

    /**
     * An entry for the TXF executables of one CPU: the header's first eight bytes (magic, version,
     * the CPU's byte order, type, machine byte), the type's lowest bit masked so that executables and
     * position-independent executables both match.
     */
    private static BinfmtEntry txfEntry(String name, toyisa.isa.Isa cpu, String interpreter) {
        int order = cpu.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN ? toyisa.container.TxfImage.BIG_ENDIAN : toyisa.container.TxfImage.LITTLE_ENDIAN;
        byte[] magic = {0x7F, 0x54, 0x58, 0x46, (byte) toyisa.container.Txf.VERSION, (byte) order,
                (byte) toyisa.container.TxfImage.EXECUTABLE, (byte) cpu.machine()};
        byte[] mask = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF};
        return new BinfmtEntry(name, true, "toyisa", BinfmtEntry.Type.MAGIC, 0, magic, mask, interpreter);
    }

    /**
     * The preinstalled entry for {@code .woz} fat binaries: files named {@code *.woz} go to the woz
     * interpreter, like the seed's {@code :woz:E::woz::/path/to/wozbin:} registration.
     */
    public static BinfmtEntry wozEntry() {
        return new BinfmtEntry(WOZ_ENTRY, true, "toyisa", BinfmtEntry.Type.EXTENSION, 0,
                "woz".getBytes(StandardCharsets.US_ASCII), new byte[0], WOZ_INTERPRETER);
    }

    /** A registry with only the preinstalled entries, not tied to a file. */
    public static BinfmtRegistry defaults() {
        BinfmtRegistry r = new BinfmtRegistry(null);
        r.addDefaults();
        return r;
    }

    /** A registry with no entries at all (what an interpreter uses to run the program it unpacked). */
    public static BinfmtRegistry none() {
        return new BinfmtRegistry(null);
    }

    private void addDefaults() {
        entries.add(intellioEntry());
        entries.add(wozEntry());
        entries.add(armisticeEntry());
    }

    /** Where registrations are kept: {@code -Dtoyisa.binfmt}, {@code $TOYISA_BINFMT}, or {@code ~/.config/toyisa/binfmt}. */
    public static Path configPath() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ENV);
        if (p != null && !p.isBlank()) return Paths.get(p);
        return Paths.get(System.getProperty("user.home"), ".config", "toyisa", "binfmt");
    }

    /** True when the registry file was named by the user ({@code -Dtoyisa.binfmt} or {@code $TOYISA_BINFMT}), not the default. */
    public static boolean configPathIsNamed() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ENV);
        return p != null && !p.isBlank();
    }

    /** The user's registry ({@link #configPath()}); the defaults when the file does not exist yet. */
    public static BinfmtRegistry load() throws ConfigException {
        return load(configPath());
    }

    /** A registry file is a few hundred bytes; a larger one is not a registry. */
    static final int MAX_FILE = 1 << 20;
    private static final Object SAVING = new Object();

    public static BinfmtRegistry load(Path path) throws ConfigException {
        BinfmtRegistry r = new BinfmtRegistry(path);
        if (!Files.exists(path)) {
            r.addDefaults();
            return r;
        }
        String text;
        try {
            text = toyisa.container.HostFiles.readText(path, MAX_FILE);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read the binfmt registry: " + e.getMessage());
        }
        r.entries.addAll(parse(text, path.toString()));
        r.emptyFile = r.entries.isEmpty();
        return r;
    }

    /** Writes the registry back to the file it was loaded from (creating directories as needed). */
    public void save() throws ConfigException {
        if (file == null) throw new IllegalStateException("this registry is not tied to a file");
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            writeAtomically(file, serialize());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot write the binfmt registry " + file + ": " + e.getMessage());
        }
    }

    /**
     * Readers see the old registry or the new one, never a half-written file: the text goes to a
     * temporary file beside it, renamed into place, one writer at a time — threads take turns on
     * {@link #SAVING}, processes on a lock file (a file lock is held by the whole JVM).
     */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path lock = dir.resolve(file.getFileName() + ".lock");
        synchronized (SAVING) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                 java.nio.channels.FileLock held = ch.lock()) {
                toyisa.container.HostWrites.writeString(file, text);
            }
        }
    }

    public Path file() {
        return file;
    }

    public List<BinfmtEntry> entries() {
        return List.copyOf(entries);
    }

    public Optional<BinfmtEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Enables or disables an entry by name. */
    public void setEnabled(String name, boolean enabled) throws ConfigException {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                entries.set(i, entries.get(i).withEnabled(enabled));
                return;
            }
        }
        throw unknown(name);
    }

    /** Adds an entry, replacing one with the same name (it keeps its place in the order). */
    public void register(BinfmtEntry e) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(e.name())) {
                entries.set(i, e);
                return;
            }
        }
        entries.add(e);
    }

    /**
     * {@code update-binfmts --install}: adds a new entry as the latest registered (tried first). An
     * entry of the same name from the same package is replaced (and moves to the front, as the kernel
     * would re-register it); one from another package is left alone and is an error.
     */
    public void install(BinfmtEntry e) throws ConfigException {
        Optional<BinfmtEntry> old = entry(e.name());
        if (old.isPresent() && !old.get().packageName().equals(e.packageName()))
            throw new ConfigException("binfmt entry " + e.name() + " is already installed by package " + old.get().packageName()
                    + " (this is package " + e.packageName() + "); remove it first");
        entries.removeIf(x -> x.name().equals(e.name()));
        entries.add(e);
    }

    public boolean remove(String name) {
        return entries.removeIf(e -> e.name().equals(name));
    }

    /**
     * {@code update-binfmts --remove NAME [INTERPRETER]}: removes the entry; when an interpreter is
     * given it must be the entry's, so a package cannot remove another's format by its name alone.
     */
    public BinfmtEntry remove(String name, String interpreter) throws ConfigException {
        BinfmtEntry e = entry(name).orElseThrow(() -> unknown(name));
        if (interpreter != null && !interpreter.equals(e.interpreter()))
            throw new ConfigException("binfmt entry " + name + " has the interpreter " + e.interpreter() + ", not "
                    + interpreter + "; nothing removed");
        remove(name);
        return e;
    }

    /** The entries in the order the kernel tries them: the latest registered first. */
    public List<BinfmtEntry> searchOrder() {
        List<BinfmtEntry> order = new ArrayList<>(entries);
        java.util.Collections.reverse(order);
        return order;
    }

    /** The first enabled entry that claims the file, trying the latest registered first, or null. */
    public BinfmtEntry match(byte[] file, String fileName) {
        for (BinfmtEntry e : searchOrder()) if (e.matches(file, fileName)) return e;
        return null;
    }

    /**
     * {@code toyisa binfmt --find FILE}: which interpreter the kernel would hand this file to, and why —
     * every entry in the order the kernel tries them (latest registered first), a magic entry's bytes
     * compared one by one under its mask, an extension entry's name test. Ends with the interpreter
     * line, or says that no enabled entry matches.
     */
    public String explain(byte[] file, String fileName) {
        StringBuilder sb = new StringBuilder();
        List<BinfmtEntry> order = searchOrder();
        sb.append(fileName).append(": ").append(order.size()).append(order.size() == 1 ? " entry" : " entries")
                .append(", tried as the kernel does: the latest registered first, the first enabled match wins\n");
        BinfmtEntry winner = null;
        for (BinfmtEntry e : order) {
            String state = e.enabled() ? "enabled" : "disabled";
            if (e.type() == BinfmtEntry.Type.EXTENSION) {
                sb.append("  ").append(e.name()).append(" (").append(state).append(", extension .").append(e.extension()).append("): ");
                boolean ok = e.claims(file, fileName);
                sb.append(ok ? "the name ends in ." + e.extension() : "the name does not end in ." + e.extension());
            } else {
                sb.append("  ").append(e.name()).append(" (").append(state).append(", magic of ").append(e.magic().length)
                        .append(" bytes at offset ").append(e.offset()).append(")\n");
                sb.append("    offset  file  mask  file&mask  magic&mask\n");
                byte[] magic = e.magic();
                for (int i = 0; i < magic.length; i++) {
                    int at = e.offset() + i, m = e.maskAt(i), want = magic[i] & 0xFF & m;
                    if (at >= file.length) {
                        sb.append(String.format(Locale.ROOT, "    %6d  --    %02x    --         %02x          (the file ends)\n", at, m, want));
                        continue;
                    }
                    int got = file[at] & 0xFF;
                    sb.append(String.format(Locale.ROOT, "    %6d  %02x    %02x    %02x         %02x          %s\n",
                            at, got, m, got & m, want, (got & m) == want ? "same" : "differs"));
                }
                sb.append("    ").append(e.claims(file, fileName) ? "every masked byte is the same" : "a masked byte differs or is missing");
            }
            boolean claims = e.claims(file, fileName);
            if (!claims) sb.append(": no match\n");
            else if (!e.enabled()) sb.append(": it would match, but it is disabled\n");
            else if (winner != null) sb.append(": it matches too, but ").append(winner.name()).append(" came first\n");
            else {
                sb.append(": match\n");
                winner = e;
            }
        }
        if (winner == null) sb.append("no enabled entry matches: exec treats the file by its header alone\n");
        else sb.append("interpreter: ").append(winner.interpreter()).append(" (entry ").append(winner.name()).append(")\n");
        if (toyisa.container.Fat.isFat(file))
            sb.append("(a fat file: on a machine it has no slice for, exec also tries each slice against these entries;"
                    + " toyisa readtxf lists them)\n");
        return sb.toString();
    }

    /**
     * Every entry as {@code update-binfmts --display} lists them: sorted by name, one block after the
     * other.
     */
    public String display() {
        List<BinfmtEntry> sorted = new ArrayList<>(entries);
        sorted.sort(java.util.Comparator.comparing(BinfmtEntry::name));
        StringBuilder sb = new StringBuilder();
        for (BinfmtEntry e : sorted) sb.append(e.display());
        return sb.toString();
    }

    /** The registry file's text: the display layout in registration order, a blank line between entries. */
    String serialize() {
        StringBuilder sb = new StringBuilder();
        for (BinfmtEntry e : entries) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(e.display());
            if (!e.flags().isEmpty()) sb.append("       flags = ").append(e.flags()).append('\n');
        }
        return sb.toString();
    }

    /**
     * {@code toyisa binfmt --export DIR}: writes every entry as a binfmt-support format file
     * {@code DIR/NAME}, which {@code update-binfmts --importdir DIR --import NAME} reads. Checks every
     * entry first, so nothing is written when one cannot be exported.
     *
     * @return the files written, in registration order
     */
    public List<Path> export(Path dir) throws ConfigException {
        return export(dir, null);
    }

    /** As {@link #export(Path)}, each toyisa interpreter named by its path under {@code prefix} (see {@link #hostInterpreter}); null keeps the names. */
    public List<Path> export(Path dir, Path prefix) throws ConfigException {
        List<String> texts = new ArrayList<>();
        for (BinfmtEntry e : entries) {
            try {
                texts.add((prefix == null ? e : e.withInterpreter(hostInterpreter(e.interpreter(), prefix))).formatFile());
            } catch (IllegalStateException ex) {
                throw new ConfigException(ex.getMessage() + "; nothing exported");
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            toyisa.container.HostWrites.directory(dir);
            for (int i = 0; i < entries.size(); i++) {
                Path p = dir.resolve(entries.get(i).name());
                toyisa.container.HostWrites.writeString(p, texts.get(i));
                written.add(p);
            }
        } catch (IOException | RuntimeException ex) {
            throw new ConfigException("cannot export the binfmt entries to " + dir + ": " + ex.getMessage());
        }
        return written;
    }

    /**
     * What to tell a user whose registry file is empty: it means no entries at all (not the
     * preinstalled ones), so nothing is handed to an interpreter. Null when that is not the case.
     */
    public String emptyNote() {
        if (!emptyFile || !entries.isEmpty()) return null;
        return "the binfmt registry " + file + " is empty: no entries, so exec hands no foreign file to an interpreter"
                + " (delete the file to get the preinstalled entries back)";
    }

    /**
     * Where a real system finds the interpreter an entry names: a toyisa interpreter is named by a
     * bare word ({@code toyisa-emulate-intellio}) and installed as {@code PREFIX/libexec/toyisa/NAME}
     * (by scripts/install-binfmt); an absolute path is kept. The kernel and update-binfmts need the path.
     */
    public static String hostInterpreter(String interpreter, Path prefix) {
        if (interpreter.contains("/") || interpreter.contains("\\")) return interpreter;
        return prefix.resolve("libexec").resolve("toyisa").resolve(interpreter).toString();
    }

    /** One entry's display, like {@code update-binfmts --display NAME}. */
    public String display(String name) throws ConfigException {
        return require(name).display();
    }

    /** The entry of that name, or a ConfigException listing the names there are. */
    public BinfmtEntry require(String name) throws ConfigException {
        return entry(name).orElseThrow(() -> unknown(name));
    }

    private ConfigException unknown(String name) {
        return new ConfigException("no binfmt entry named '" + name + "' (known: " + names() + ")");
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (BinfmtEntry e : entries) n.add(e.name());
        return n.isEmpty() ? "none" : String.join(", ", n);
    }

    /** Reads the display layout back; anything unexpected is a ConfigException naming the line. */
    static List<BinfmtEntry> parse(String text, String source) throws ConfigException {
        List<BinfmtEntry> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            String head = lines[i];
            if (head.isBlank()) {
                i++;
                continue;
            }
            int lineNo = i + 1;
            String name;
            boolean enabled;
            if (head.endsWith(" (enabled):")) {
                name = head.substring(0, head.length() - " (enabled):".length());
                enabled = true;
            } else if (head.endsWith(" (disabled):")) {
                name = head.substring(0, head.length() - " (disabled):".length());
                enabled = false;
            } else {
                throw new ConfigException(source + ":" + lineNo + ": expected 'NAME (enabled):' or 'NAME (disabled):', found '" + head + "'");
            }
            String[] keys = {"package", "type", "offset", "magic", "mask", "interpreter", "detector"};
            String[] values = new String[keys.length];
            for (int k = 0; k < keys.length; k++) {
                i++;
                if (i >= lines.length) throw new ConfigException(source + ": entry '" + name + "' ends before its '" + keys[k] + "' line");
                String l = lines[i].strip();
                String prefix = keys[k] + " =";
                if (!l.startsWith(prefix)) throw new ConfigException(source + ":" + (i + 1) + ": expected '" + keys[k] + " = ...', found '" + l + "'");
                values[k] = l.substring(prefix.length()).strip();
            }
            i++;
            String flags = "";
            if (i < lines.length && lines[i].strip().startsWith("flags =")) {
                flags = lines[i].strip().substring("flags =".length()).strip();
                i++;
            }
            BinfmtEntry.Type type;
            if (values[1].equals("magic")) type = BinfmtEntry.Type.MAGIC;
            else if (values[1].equals("extension")) type = BinfmtEntry.Type.EXTENSION;
            else throw new ConfigException(source + ": entry '" + name + "': type must be magic or extension, not '" + values[1] + "'");
            int offset;
            try {
                offset = Integer.parseInt(values[2]);
            } catch (NumberFormatException e) {
                throw new ConfigException(source + ": entry '" + name + "': offset '" + values[2] + "' is not a number");
            }
            byte[] magic = type == BinfmtEntry.Type.MAGIC ? BinfmtEntry.unescape(values[3]) : values[3].getBytes(StandardCharsets.UTF_8);
            byte[] mask = BinfmtEntry.unescape(values[4]);
            if (magic == null || mask == null)
                throw new ConfigException(source + ": entry '" + name + "': magic and mask must be written as \\xNN bytes");
            try {
                out.add(new BinfmtEntry(name, enabled, values[0], type, offset, magic, mask, values[5], flags));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + e.getMessage());
            }
        }
        return out;
    }
}
