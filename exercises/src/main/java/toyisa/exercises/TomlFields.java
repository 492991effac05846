package toyisa.exercises;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed access to one table of a parsed TOML file, with errors that name the file, the line and the
 * field. Jackson's TOML reader does the parsing; this class only maps fields to values and, for a
 * message, finds the line a field was written on.
 */
final class TomlFields {
    private static final TomlMapper TOML = new TomlMapper();
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[(\\[)?\\s*([A-Za-z0-9_.-]+)\\s*]");

    private final String file;
    private final String[] lines;
    private final JsonNode node;
    /** Where this table is: "" for the top level, else "test[2]" or "code_size". */
    private final String path;

    private TomlFields(String file, String[] lines, JsonNode node, String path) {
        this.file = file;
        this.lines = lines;
        this.node = node;
        this.path = path;
    }

    /** Parses a whole file; a syntax error names its line. */
    static TomlFields parse(String file, String text) throws ExerciseException {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ExerciseException(file, Math.max(line, 0), null, "not valid TOML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) root = TOML.createObjectNode();
        return new TomlFields(file, text.split("\n", -1), root, "");
    }

    String file() {
        return file;
    }

    /** A field's place, for messages: {@code test 'three', field 'match'}. */
    String where(String key) {
        String name = node.path("name").isTextual() ? node.path("name").asText() : null;
        String table = path.isEmpty() ? "" : (path.replaceAll("\\[\\d+]$", "") + (name != null ? " '" + name + "'" : "") + ", ");
        return table + "field '" + key + "'";
    }

    ExerciseException error(String key, String reason) {
        return new ExerciseException(file, lineOf(key), key == null ? null : where(key), reason);
    }

    /** Every key must be one of these; a misspelt key is an error, not silently ignored. */
    void allowOnly(Set<String> known) throws ExerciseException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                String near = nearest(k, known);
                throw error(k, "unknown field" + (near == null ? "" : " (did you mean '" + near + "'?)")
                        + "; known fields: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    boolean has(String key) {
        return node.has(key);
    }

    String string(String key, String otherwise) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return otherwise;
        if (!v.isTextual()) throw error(key, "must be a string (in quotes), not " + describe(v));
        return v.asText();
    }

    String requiredString(String key) throws ExerciseException {
        String s = string(key, null);
        if (s == null || s.isBlank()) throw error(key, "is required");
        return s;
    }

    Long integer(String key, Long otherwise) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return otherwise;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error(key, "must be a whole number, not " + describe(v));
        return v.asLong();
    }

    Double number(String key, Double otherwise) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return otherwise;
        if (!v.isNumber()) throw error(key, "must be a number, not " + describe(v));
        return v.asDouble();
    }

    Boolean bool(String key, Boolean otherwise) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return otherwise;
        if (!v.isBoolean()) throw error(key, "must be true or false, not " + describe(v));
        return v.asBoolean();
    }

    List<String> strings(String key, List<String> otherwise) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return otherwise;
        if (!v.isArray()) throw error(key, "must be a list of strings, like [\"a\", \"b\"], not " + describe(v));
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw error(key, "must be a list of strings, but holds " + describe(e));
            out.add(e.asText());
        }
        return out;
    }

    /** A sub-table ({@code [code_size]} or {@code registers = { c = 42 }}), or null. */
    TomlFields table(String key) throws ExerciseException {
        JsonNode v = node.get(key);
        if (v == null) return null;
        if (!v.isObject()) throw error(key, "must be a table, like { a = 1 }, not " + describe(v));
        return new TomlFields(file, lines, v, path.isEmpty() ? key : path + "." + key);
    }

    /** An array of tables ({@code [[test]]}); empty when absent. */
    List<TomlFields> tables(String key) throws ExerciseException {
        JsonNode v = node.get(key);
        List<TomlFields> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) throw error(key, "must be an array of tables, written [[" + key + "]], not " + describe(v));
        int i = 0;
        for (JsonNode e : v) {
            if (!e.isObject()) throw error(key, "must hold tables, but holds " + describe(e));
            out.add(new TomlFields(file, lines, e, (path.isEmpty() ? "" : path + ".") + key + "[" + i++ + "]"));
        }
        return out;
    }

    /** The keys of this table, in file order. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) return "the string \"" + v.asText() + "\"";
        if (v.isNumber()) return "the number " + v.asText();
        if (v.isBoolean()) return v.asText();
        if (v.isArray()) return "a list";
        if (v.isObject()) return "a table";
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The line a key of this table is written on (1-based), or that of the table's header, or 0.
     * Understands the headers {@code [t]} and {@code [[t]]}; good enough to point an author at the place.
     */
    int lineOf(String key) {
        String[] parts = path.isEmpty() ? new String[0] : path.split("\\.");
        int from = 0;
        String header = null;
        for (String part : parts) {
            Matcher m = Pattern.compile("^(.*)\\[(\\d+)]$").matcher(part);
            String name = m.matches() ? m.group(1) : part;
            int index = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            int found = findHeader(from, header == null ? name : header + "." + name, index);
            if (found < 0) {
                int kv = findKey(from, name);
                return key == null ? kv + 1 : Math.max(findKey(kv < 0 ? from : kv, key), kv) + 1;
            }
            header = header == null ? name : header + "." + name;
            from = found + 1;
        }
        if (key == null) return from;
        int k = findKey(from, key);
        return k >= 0 ? k + 1 : from;
    }

    private int findHeader(int from, String name, int index) {
        int seen = 0;
        for (int i = from; i < lines.length; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (m.find() && m.group(2).equals(name)) {
                if (index < 0 || seen++ == index) return i;
            }
        }
        return -1;
    }

    /** The first line from {@code from} that assigns {@code key}, before the next table header. */
    private int findKey(int from, String key) {
        Pattern p = Pattern.compile("^\\s*(?:\"" + Pattern.quote(key) + "\"|" + Pattern.quote(key) + ")\\s*=|[{,]\\s*"
                + Pattern.quote(key) + "\\s*=");
        for (int i = Math.max(from, 0); i < lines.length; i++) {
            if (i > from && HEADER.matcher(lines[i]).find()) break;
            if (p.matcher(lines[i]).find()) return i;
        }
        return -1;
    }

    private static String nearest(String k, Set<String> known) {
        String best = null;
        int bestD = 3;
        for (String c : known) {
            int d = distance(k, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
