package toyisa.exercises;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import toyisa.isa.Hex;

/**
 * A course as the browser page reads it: one JSON document with, for each exercise, what a student
 * may see — title, statement, starter, questions and the visible tests, each with its runs and
 * limits resolved — so the page grades the visible tests with the same {@link Grader}. Hidden tests
 * and solutions are never written, whichever copy of the course is read.
 *
 * <p>The build writes the built-in course's catalog into the page ({@code main}); {@code toyisa web
 * --course DIR} serves one made from an instructor's folder.
 */
public final class CourseCatalog {
    /** The script the page loads: it sets this global to the catalog. */
    public static final String GLOBAL = "TOYISA_COURSE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CourseCatalog() {}

    /** The catalog as JSON. Broken exercises are left out, with their reasons under {@code broken}. */
    public static String json(Course course) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", course.title());
        ArrayNode list = root.putArray("exercises");
        ArrayNode broken = root.putArray("broken");
        for (Course.Entry e : course.entries()) {
            if (e.broken()) broken.addObject().put("id", e.id()).put("problem", forStudents(course, e.problem().getMessage()));
            else exercise(list.addObject(), e.exercise());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("the catalog cannot be written", e);
        }
    }

    /**
     * A message as students may read it: files named relative to the course, so that no path of the
     * instructor's machine ({@code /home/lecturer/cs101/double/exercise.toml}) reaches the page.
     */
    static String forStudents(Course course, String message) {
        if (course.root() == null || course.isBuiltIn()) return message;
        String m = message;
        Path root = course.root();
        for (String folder : new String[] {root.toAbsolutePath().normalize().toString(), root.toAbsolutePath().toString(),
                root.toString(), course.shownAs()}) {
            if (folder.isEmpty()) continue;
            m = m.replace(folder + root.getFileSystem().getSeparator(), "").replace(folder + "/", "");
        }
        // Whatever still names the folder itself (a reason quoting it) names it by its last part only.
        Path name = root.toAbsolutePath().normalize().getFileName();
        for (String folder : new String[] {root.toAbsolutePath().normalize().toString(), root.toAbsolutePath().toString(), root.toString()})
            if (!folder.isEmpty() && name != null && !folder.equals(name.toString())) m = m.replace(folder, name.toString());
        return m;
    }

    /** The catalog as the script the page loads ({@code course.js}): it works opened from disk, where a fetch would not. */
    public static String script(Course course) {
        // "</" cannot end a script element when the text is inlined, and U+2028/9 are not JSON-safe in old parsers.
        String json = json(course).replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return "self." + GLOBAL + " = " + json + ";\n";
    }

    private static void exercise(ObjectNode o, Exercise x) {
        o.put("id", x.id()).put("title", x.title()).put("lesson", x.lesson()).put("submit", x.submit().key());
        ArrayNode accept = o.putArray("accept");
        for (Exercise.Form f : x.accept()) accept.add(f.key());
        runs(o.putArray("runs"), x.runs());
        limits(o.putObject("limits"), x.limits());
        o.put("statement", x.statement()).put("starterFile", x.starterFile()).put("starter", x.starter());
        o.put("extension", x.submissionExtension());
        ArrayNode qs = o.putArray("questions");
        for (Exercise.Question q : x.questions()) qs.addObject().put("id", q.id()).put("prompt", q.prompt()).put("points", q.points());
        ArrayNode tests = o.putArray("tests");
        for (TestCase t : x.visibleTests()) test(tests.addObject(), t);
    }

    private static void test(ObjectNode o, TestCase t) {
        o.put("name", t.name()).put("description", t.description()).put("points", t.points());
        runs(o.putArray("runs"), t.runs());
        o.put("input", t.input());
        if (t.stdout() != null) o.putObject("stdout").put("text", t.stdout().text()).put("match", t.stdout().match().name());
        if (t.status() != null) o.put("status", t.status());
        if (t.fault() != null) o.put("fault", t.fault().name());
        ObjectNode regs = o.putObject("registers");
        t.registers().forEach(regs::put);
        ObjectNode flags = o.putObject("flags");
        for (Map.Entry<Character, Boolean> f : t.flags().entrySet()) flags.put(String.valueOf(f.getKey()), f.getValue());
        ArrayNode mem = o.putArray("memory");
        for (TestCase.MemoryCheck m : t.memory()) mem.addObject().put("address", m.address()).put("bytes", Hex.bytes(m.bytes()));
        if (t.maxSteps() != null) o.put("maxSteps", t.maxSteps());
        ObjectNode size = o.putObject("codeSize");
        t.codeSize().forEach(size::put);
        strings(o.putArray("required"), t.required());
        strings(o.putArray("forbidden"), t.forbidden());
        limits(o.putObject("limits"), t.limits());
        if (t.sample() != null) o.put("sample", t.sample()).put("matches", t.matches());
    }

    private static void runs(ArrayNode a, List<Exercise.Run> runs) {
        for (Exercise.Run r : runs) a.addObject().put("cpu", r.cpu().id()).put("engine", r.engine().label());
    }

    private static void limits(ObjectNode o, Exercise.Limits l) {
        o.put("budget", l.budget()).put("timeLimit", l.timeLimit()).put("outputLimit", l.outputLimit());
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String s : values) a.add(s);
    }

    /** {@code CourseCatalog OUT.js}: the built-in course (the student edition in the jar) as the page's {@code course.js}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: CourseCatalog OUT.js");
        Course course = Course.builtIn();
        if (course.entries().isEmpty()) throw new IllegalStateException("the built-in course is missing or empty");
        for (Course.Entry e : course.entries())
            if (e.broken()) throw new IllegalStateException("the built-in course has a broken exercise: " + e.problem().getMessage());
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        toyisa.container.HostWrites.writeString(out, script(course));
    }
}
