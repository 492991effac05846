package toyisa.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binfmt registry: which foreign files {@code exec} hands to an interpreter (the emulator),
 * like Linux's {@code binfmt_misc} managed by {@code update-binfmts}.
 *
 * <p>It starts with one entry, {@code toyisa-intellio}, for Intellio TXF files, <em>enabled</em>: it
 * hands them to the emulator ({@code toyisa emulate}, module {@code translator}), as an installed
 * {@code qemu-user-binfmt} does. Its mask {@code ff ff ff ff ff ff fe ff} ignores the lowest bit of the type
 * byte, so executables (2) and position-independent executables (3) both match — the same trick as
 * the {@code \xfe} over ELF's {@code e_type} in qemu's entries.
 *
 * <p>Registrations persist in a user file, in the same text layout as {@link #display()}: by default
 * {@code ~/.config/toyisa/binfmt}, or the path in the system property {@code toyisa.binfmt} or the
 * environment variable {@code TOYISA_BINFMT} (tests point these at a temporary directory).
 */
public final class BinfmtRegistry {
    /** Name of the preinstalled Intellio entry. */
    public static final String INTELLIO_ENTRY = "toyisa-intellio";
    /** The interpreter the Intellio entry names: the command line runs it as the Intellio-on-Armistice emulator. */
    public static final String INTELLIO_EMULATOR = "toyisa-emulate-intellio";
    public static final String PROPERTY = "toyisa.binfmt";
    public static final String ENV = "TOYISA_BINFMT";

    private final List<BinfmtEntry> entries = new ArrayList<>();
    private final Path file;

    private BinfmtRegistry(Path file) {
        this.file = file;
    }

    /** The preinstalled entry for Intellio TXF executables (enabled: the emulator runs them). */
    public static BinfmtEntry intellioEntry() {
        byte[] magic = {0x7F, 0x54, 0x58, 0x46, 0x01, 0x01, 0x02, 0x1E};
        byte[] mask = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, (byte) 0xFF};
        return new BinfmtEntry(INTELLIO_ENTRY, true, "toyisa", BinfmtEntry.Type.MAGIC, 0, magic, mask, INTELLIO_EMULATOR);
    }

    /** A registry with only the preinstalled entries, not tied to a file. */
    public static BinfmtRegistry defaults() {
        BinfmtRegistry r = new BinfmtRegistry(null);
        r.entries.add(intellioEntry());
        return r;
    }

    /** Where registrations are kept: {@code -Dtoyisa.binfmt}, {@code $TOYISA_BINFMT}, or {@code ~/.config/toyisa/binfmt}. */
    public static Path configPath() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(ENV);
        if (p != null && !p.isBlank()) return Paths.get(p);
        return Paths.get(System.getProperty("user.home"), ".config", "toyisa", "binfmt");
    }

    /** The user's registry ({@link #configPath()}); the defaults when the file does not exist yet. */
    public static BinfmtRegistry load() throws ConfigException {
        return load(configPath());
    }

    public static BinfmtRegistry load(Path path) throws ConfigException {
        BinfmtRegistry r = new BinfmtRegistry(path);
        if (!Files.exists(path)) {
            r.entries.add(intellioEntry());
            return r;
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read the binfmt registry " + path + ": " + e.getMessage());
        }
        r.entries.addAll(parse(text, path.toString()));
        return r;
    }

    /** Writes the registry back to the file it was loaded from (creating directories as needed). */
    public void save() throws ConfigException {
        if (file == null) throw new IllegalStateException("this registry is not tied to a file");
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, display(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot write the binfmt registry " + file + ": " + e.getMessage());
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
        throw new ConfigException("no binfmt entry named '" + name + "' (known: " + names() + ")");
    }

    /** Adds an entry, replacing one with the same name. */
    public void register(BinfmtEntry e) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(e.name())) {
                entries.set(i, e);
                return;
            }
        }
        entries.add(e);
    }

    public boolean remove(String name) {
        return entries.removeIf(e -> e.name().equals(name));
    }

    /** The first enabled entry that claims the file, or null. */
    public BinfmtEntry match(byte[] file, String fileName) {
        for (BinfmtEntry e : entries) if (e.matches(file, fileName)) return e;
        return null;
    }

    /** Every entry in the layout of {@code update-binfmts --display}, a blank line between entries. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (BinfmtEntry e : entries) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(e.display());
        }
        return sb.toString();
    }

    /** One entry's display, like {@code update-binfmts --display NAME}. */
    public String display(String name) throws ConfigException {
        return entry(name).orElseThrow(() -> new ConfigException("no binfmt entry named '" + name + "' (known: " + names() + ")")).display();
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
                out.add(new BinfmtEntry(name, enabled, values[0], type, offset, magic, mask, values[5]));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source + ": " + e.getMessage());
            }
        }
        return out;
    }
}
