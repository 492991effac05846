package toyisa.exercises;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import toyisa.container.FormatException;
import toyisa.container.HexText;
import toyisa.container.Utf8;
import toyisa.isa.Isa;
import toyisa.vm.Engine;
import toyisa.vm.Fault;

/**
 * Reads one exercise folder: {@code exercise.toml} (what students see), and where present the
 * instructor's {@code hidden.toml} and {@code solution.*}. Every problem is an {@link ExerciseException}
 * naming the file, line and field. Files an exercise names must lie inside its folder.
 */
final class ExerciseReader {
    static final String EXERCISE_FILE = "exercise.toml";
    static final String HIDDEN_FILE = "hidden.toml";
    static final String STATEMENT_FILE = "statement.md";
    /** Largest file an exercise may hold (statements, starters, expected outputs). */
    static final int MAX_FILE_BYTES = 1 << 20;
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final Set<String> TOP = Set.of("title", "lesson", "submit", "accept", "cpus", "engines", "engine", "budget",
            "time_limit", "output_limit", "question", "test", "code_size", "required", "forbidden", "max_steps", "starter");
    private static final Set<String> TEST = Set.of("name", "description", "points", "visibility", "tags", "cpus",
            "engines", "engine", "input", "input_file", "stdout", "stdout_file", "match", "status", "fault", "registers", "flags",
            "memory", "max_steps", "code_size", "required", "forbidden", "budget", "time_limit", "output_limit",
            "question", "accept", "pattern", "sample", "matches");
    private static final Set<String> HIDDEN_TOP = Set.of("test");
    private static final Set<String> QUESTION = Set.of("id", "prompt", "points");
    private static final Set<String> MEMORY = Set.of("address", "bytes", "text", "fill", "length");
    static final List<String> VISIBILITIES = List.of("visible", "hidden", "after_due_date", "after_published");
    /** The sample files a binfmt test can name. */
    static final List<String> SAMPLES = List.of("armistice-raw", "intellio-raw", "armistice-txf", "intellio-txf",
            "armistice-pie", "intellio-pie", "fat");

    private final Path dir;
    private final String id;
    private final String shown;

    private ExerciseReader(Path dir, String shownAs) {
        this.dir = dir;
        this.id = dir.getFileName().toString();
        this.shown = shownAs;
    }

    /**
     * Reads an exercise folder.
     *
     * @param shownAs how file names are shown in messages (the folder as the user named it)
     */
    static Exercise read(Path dir, String shownAs) throws ExerciseException {
        return new ExerciseReader(dir, shownAs).read();
    }

    private String shown(String file) {
        return shown + "/" + file;
    }

    private Exercise read() throws ExerciseException {
        if (!ID.matcher(id).matches())
            throw new ExerciseException(shown, 0, null, "an exercise folder's name is its id: lower-case letters, digits, - and _ (not '" + id + "')");
        String file = EXERCISE_FILE;
        TomlFields top = TomlFields.parse(shown(file), text(file, true));
        top.allowOnly(TOP);
        String title = top.requiredString("title");
        String lesson = top.string("lesson", "");
        Exercise.Submit submit = choice(top, "submit", Exercise.Submit.values(), Exercise.Submit.SOURCE);
        List<Exercise.Form> accept = new ArrayList<>();
        for (String f : top.strings("accept", List.of("hex", "raw", "txf", "fat"))) accept.add(choiceOf(top, "accept", f, Exercise.Form.values()));
        if (top.has("accept") && submit != Exercise.Submit.BINARY) throw top.error("accept", "applies to submit = \"binary\" only");
        List<Exercise.Run> runs = runs(top, List.of("armistice", "intellio"), List.of("interpreter"));
        Exercise.Limits limits = limits(top, new Exercise.Limits(Exercise.Limits.DEFAULT_BUDGET,
                Exercise.Limits.DEFAULT_TIME_LIMIT, Exercise.Limits.DEFAULT_OUTPUT_LIMIT));
        Defaults defaults = new Defaults(codeSize(top), instructions(top, "required"), instructions(top, "forbidden"),
                top.integer("max_steps", null));

        List<Exercise.Question> questions = new ArrayList<>();
        for (TomlFields q : top.tables("question")) {
            q.allowOnly(QUESTION);
            String qid = q.requiredString("id");
            if (!ID.matcher(qid).matches()) throw q.error("id", "'" + qid + "' is not an id: lower-case letters, digits, - and _");
            for (Exercise.Question x : questions) if (x.id().equals(qid)) throw q.error("id", "question '" + qid + "' is asked twice");
            questions.add(new Exercise.Question(qid, q.requiredString("prompt"), points(q)));
        }
        if (!questions.isEmpty() && submit != Exercise.Submit.TEXT) throw top.error("question", "questions belong to submit = \"text\" exercises");
        if (submit == Exercise.Submit.TEXT && questions.isEmpty()) throw top.error("submit", "a text exercise needs [[question]] tables");

        List<TestCase> tests = new ArrayList<>();
        for (TomlFields t : top.tables("test")) tests.add(test(t, false, submit, runs, limits, defaults, questions));
        boolean hasHidden = false;
        if (Files.exists(dir.resolve(HIDDEN_FILE), LinkOption.NOFOLLOW_LINKS)) {
            hasHidden = true;
            TomlFields hidden = TomlFields.parse(shown(HIDDEN_FILE), text(HIDDEN_FILE, true));
            hidden.allowOnly(HIDDEN_TOP);
            for (TomlFields t : hidden.tables("test")) tests.add(test(t, true, submit, runs, limits, defaults, questions));
        }
        Set<String> names = new LinkedHashSet<>();
        for (TestCase t : tests) {
            if (!names.add(t.name()))
                throw new ExerciseException(shown(t.hidden() ? HIDDEN_FILE : EXERCISE_FILE), 0, "test '" + t.name() + "'", "two tests have this name");
        }

        String statement = text(STATEMENT_FILE, true);
        String starterFile = top.string("starter", "starter" + submit.extension());
        if (inside(starterFile) == null) throw top.error("starter", "'" + starterFile + "' must be a file name inside the exercise folder");
        if (instructorOnly(inside(starterFile))) throw top.error("starter", refusal(starterFile, "the starter"));
        String starter = text(starterFile, submit != Exercise.Submit.TEXT || top.has("starter"));
        if (starter == null) starter = starterFor(questions);
        String solutionFile = solutionFile();
        byte[] solution = solutionFile == null ? null : bytes(solutionFile);
        return new Exercise(id, title, lesson, submit, accept, runs, limits, statement, starterFile, starter, solution,
                solutionFile, tests, questions, hasHidden);
    }

    /** Values every test of the exercise inherits unless it sets its own. */
    private record Defaults(Map<String, Integer> codeSize, List<String> required, List<String> forbidden, Long maxSteps) {}

    private TestCase test(TomlFields t, boolean hidden, Exercise.Submit submit, List<Exercise.Run> exerciseRuns,
                          Exercise.Limits exerciseLimits, Defaults defaults, List<Exercise.Question> questions) throws ExerciseException {
        t.allowOnly(TEST);
        String name = t.requiredString("name");
        if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}", name))
            throw t.error("name", "'" + name + "' is not a test name: letters, digits, space, - _ . (up to 64)");
        String visibility = t.string("visibility", "visible");
        if (!VISIBILITIES.contains(visibility))
            throw t.error("visibility", "'" + visibility + "' is not one of " + String.join(", ", VISIBILITIES));
        List<String> tags = t.strings("tags", List.of());
        double points = points(t);
        String description = t.string("description", "");

        if (submit == Exercise.Submit.TEXT) {
            if (!hidden) throw t.error("name", "the answers of a text exercise are hidden tests: put them in " + HIDDEN_FILE
                    + ", so that no student's copy holds them");
            String q = t.requiredString("question");
            Exercise.Question question = null;
            for (Exercise.Question x : questions) if (x.id().equals(q)) question = x;
            if (question == null) throw t.error("question", "no [[question]] has id '" + q + "'");
            List<String> accept = t.strings("accept", List.of());
            String pat = t.string("pattern", null);
            if (accept.isEmpty() && pat == null) throw t.error("accept", "an answer test needs accept = [...] or pattern = \"...\"");
            Pattern pattern = null;
            if (pat != null) {
                try {
                    pattern = Pattern.compile(pat);
                } catch (PatternSyntaxException e) {
                    throw t.error("pattern", "not a regular expression: " + e.getDescription());
                }
            }
            List<String> normalised = new ArrayList<>();
            for (String a : accept) normalised.add(Answers.normalise(a));
            if (!t.has("points")) points = question.points();
            return new TestCase(name, description.isEmpty() ? question.prompt() : description, true, points, visibility,
                    tags, List.of(), "", null, null, null, Map.of(), Map.of(), List.of(), null, Map.of(), List.of(),
                    List.of(), exerciseLimits, q, normalised, pattern, null, null);
        }
        for (String k : List.of("question", "accept", "pattern"))
            if (t.has(k)) throw t.error(k, "belongs to the tests of submit = \"text\" exercises");

        if (submit == Exercise.Submit.BINFMT) {
            String sample = t.requiredString("sample");
            if (!SAMPLES.contains(sample)) throw t.error("sample", "'" + sample + "' is not one of " + String.join(", ", SAMPLES));
            Boolean matches = t.bool("matches", null);
            if (matches == null) throw t.error("matches", "is required: true if the entry must claim the sample, false if not");
            return new TestCase(name, description, hidden, points, visibility, tags, List.of(), "", null, null, null,
                    Map.of(), Map.of(), List.of(), null, Map.of(), List.of(), List.of(), exerciseLimits, null, List.of(),
                    null, sample, matches);
        }
        for (String k : List.of("sample", "matches"))
            if (t.has(k)) throw t.error(k, "belongs to the tests of submit = \"binfmt\" exercises");

        List<Exercise.Run> runs = t.has("cpus") || t.has("engines") || t.has("engine")
                ? runs(t, idsOf(exerciseRuns), enginesOf(exerciseRuns)) : exerciseRuns;
        if (t.has("input") && t.has("input_file")) throw t.error("input_file", "give input or input_file, not both");
        String input = t.has("input_file") ? text(t, "input_file", hidden) : t.string("input", "");
        if (t.has("stdout") && t.has("stdout_file")) throw t.error("stdout_file", "give stdout or stdout_file, not both");
        String expected = t.has("stdout_file") ? text(t, "stdout_file", hidden) : t.string("stdout", null);
        TestCase.Match match = choice(t, "match", TestCase.Match.values(), TestCase.Match.EXACT);
        if (t.has("match") && expected == null) throw t.error("match", "says how stdout is compared, but the test has no stdout");
        if (match == TestCase.Match.REGEX) {
            try {
                Pattern.compile(expected);
            } catch (PatternSyntaxException e) {
                throw t.error(t.has("stdout") ? "stdout" : "stdout_file", "not a regular expression: " + e.getDescription());
            }
        }
        Fault fault = null;
        if (t.has("fault")) fault = fault(t);
        Long status = t.integer("status", null);
        if (status != null && (status < 0 || status > 255)) throw t.error("status", "an exit status is 0..255");
        if (status != null && fault != null) throw t.error("status", "give status or fault, not both (a fault decides the status)");
        Integer expectStatus = status != null ? Integer.valueOf(status.intValue()) : fault == null ? Integer.valueOf(0) : null;

        Map<String, Integer> registers = new LinkedHashMap<>();
        TomlFields regs = t.table("registers");
        if (regs != null) {
            for (String r : regs.keys()) {
                Long v = regs.integer(r, null);
                for (Exercise.Run run : runs)
                    if (run.cpu().registers().code(r) < 0)
                        throw regs.error(r, run.cpu().name() + " has no register '" + r + "' (it has " + String.join(", ", run.cpu().registers().allNames()) + ")");
                if (v < -0x8000 || v > 0xFFFF) throw regs.error(r, v + " does not fit in a 16-bit register");
                registers.put(r, (int) (v & 0xFFFF));
            }
        }
        Map<Character, Boolean> flags = new LinkedHashMap<>();
        TomlFields fl = t.table("flags");
        if (fl != null) {
            for (String f : fl.keys()) {
                Boolean v = fl.bool(f, null);
                if (f.length() != 1) throw fl.error(f, "a flag is one letter (Armistice NZCV, Intellio ZSCO)");
                flags.put(f.toUpperCase(Locale.ROOT).charAt(0), v);
            }
        }
        List<TestCase.MemoryCheck> memory = new ArrayList<>();
        for (TomlFields m : t.tables("memory")) memory.add(memory(m));
        Long maxSteps = t.integer("max_steps", defaults.maxSteps());
        if (maxSteps != null && maxSteps < 1) throw t.error("max_steps", "must be at least 1");
        Map<String, Integer> codeSize = t.has("code_size") ? codeSize(t) : defaults.codeSize();
        List<String> required = t.has("required") ? instructions(t, "required") : defaults.required();
        List<String> forbidden = t.has("forbidden") ? instructions(t, "forbidden") : defaults.forbidden();
        Exercise.Limits limits = limits(t, exerciseLimits);
        if (expected == null && expectStatus == null && fault == null && registers.isEmpty() && flags.isEmpty() && memory.isEmpty()
                && maxSteps == null && codeSize.isEmpty() && required.isEmpty() && forbidden.isEmpty())
            throw t.error("name", "the test checks nothing: give stdout, status, fault, registers, flags, memory or a limit");
        return new TestCase(name, description, hidden, points, visibility, List.copyOf(tags), runs, input,
                expected == null ? null : new TestCase.Output(expected, match), expectStatus, fault, Map.copyOf(registers),
                Map.copyOf(flags), List.copyOf(memory), maxSteps, codeSize, required, forbidden, limits, null, List.of(),
                null, null, null);
    }

    private static double points(TomlFields t) throws ExerciseException {
        double p = t.number("points", 1.0);
        if (!(p >= 0) || p > 10_000) throw t.error("points", "points are 0..10000");
        // Whole hundredths, so the runs' shares and the platforms' two-decimal scores add up exactly.
        if (Math.abs(p * 100 - Math.rint(p * 100)) > 1e-6) throw t.error("points", p + " is finer than a hundredth of a point (write 0.25, 1.5, 2)");
        return Math.rint(p * 100) / 100;
    }

    private static List<String> idsOf(List<Exercise.Run> runs) {
        List<String> out = new ArrayList<>();
        for (Exercise.Run r : runs) if (!out.contains(r.cpu().id())) out.add(r.cpu().id());
        return out;
    }

    private static List<String> enginesOf(List<Exercise.Run> runs) {
        List<String> out = new ArrayList<>();
        for (Exercise.Run r : runs) if (!out.contains(r.engine().label())) out.add(r.engine().label());
        return out;
    }

    /** The runs of {@code cpus} × {@code engines}; the translated engines run Intellio code only. */
    private static List<Exercise.Run> runs(TomlFields t, List<String> defaultCpus, List<String> defaultEngines) throws ExerciseException {
        List<String> cpuNames = t.strings("cpus", defaultCpus);
        List<String> engineNames = t.strings("engines", defaultEngines);
        if (t.has("engine")) { // one engine, said as one word: engine = "jit"
            if (t.has("engines")) throw t.error("engine", "give engine or engines, not both");
            engineNames = List.of(t.string("engine", null));
        }
        if (cpuNames.isEmpty()) throw t.error("cpus", "name at least one CPU: armistice, intellio");
        if (engineNames.isEmpty()) throw t.error("engines", "name at least one engine: " + Engine.labels(List.of(Engine.values())));
        List<Engine> engines = new ArrayList<>();
        for (String e : engineNames) {
            Engine engine = Engine.byLabel(e);
            if (engine == null || !engine.label().equals(e))
                throw t.error("engines", "'" + e + "' is not one of " + Engine.labels(List.of(Engine.values())));
            engines.add(engine);
        }
        List<Exercise.Run> out = new ArrayList<>();
        for (String c : cpuNames) {
            Isa isa = Isa.byName(c);
            if (isa == null || !isa.id().equals(c)) throw t.error("cpus", "unknown CPU '" + c + "' (armistice, intellio)");
            for (Engine e : engines) {
                if (e.translated() && !isa.id().equals("intellio")) continue;
                Exercise.Run r = new Exercise.Run(isa, e);
                if (!out.contains(r)) out.add(r);
            }
        }
        if (engines.stream().anyMatch(Engine::translated) && !cpuNames.contains("intellio"))
            throw t.error("engines", "the translator runs Intellio code (on Armistice): add \"intellio\" to cpus");
        if (out.isEmpty()) throw t.error("engines", "no CPU runs on these engines");
        return out;
    }

    private static Exercise.Limits limits(TomlFields t, Exercise.Limits base) throws ExerciseException {
        long budget = t.integer("budget", base.budget());
        if (budget < 1 || budget > Exercise.Limits.MAX_BUDGET) throw t.error("budget", "an instruction budget is 1.." + Exercise.Limits.MAX_BUDGET);
        double time = t.number("time_limit", base.timeLimit());
        if (!(time > 0) || time > Exercise.Limits.MAX_TIME_LIMIT) throw t.error("time_limit", "seconds, more than 0 and at most " + (int) Exercise.Limits.MAX_TIME_LIMIT);
        long output = t.integer("output_limit", (long) base.outputLimit());
        if (output < 0 || output > Exercise.Limits.MAX_OUTPUT_LIMIT) throw t.error("output_limit", "characters, 0.." + Exercise.Limits.MAX_OUTPUT_LIMIT);
        return new Exercise.Limits(budget, time, (int) output);
    }

    private static Map<String, Integer> codeSize(TomlFields t) throws ExerciseException {
        TomlFields cs = t.table("code_size");
        if (cs == null) return Map.of();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String cpu : cs.keys()) {
            Isa isa = Isa.byName(cpu);
            if (isa == null || !isa.id().equals(cpu)) throw cs.error(cpu, "unknown CPU '" + cpu + "' (armistice, intellio)");
            Long n = cs.integer(cpu, null);
            if (n < 1 || n > 0xFF00) throw cs.error(cpu, "a size in bytes, 1..65280");
            out.put(cpu, n.intValue());
        }
        return Map.copyOf(out);
    }

    private static List<String> instructions(TomlFields t, String key) throws ExerciseException {
        List<String> out = new ArrayList<>();
        for (String s : t.strings(key, List.of())) {
            String m = s.strip().toLowerCase(Locale.ROOT);
            if (!m.matches("[a-z][a-z0-9.]*")) throw t.error(key, "'" + s + "' is not an instruction mnemonic");
            out.add(m);
        }
        return List.copyOf(out);
    }

    private static Fault fault(TomlFields t) throws ExerciseException {
        String s = t.string("fault", null).strip();
        String k = s.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        Map<String, Fault> signals = Map.of("SIGILL", Fault.ILLEGAL_INSTRUCTION, "SIGSEGV", Fault.SEGMENTATION_FAULT,
                "SIGBUS", Fault.MISALIGNED_ACCESS, "SIGFPE", Fault.DIVIDE_BY_ZERO, "SIGSYS", Fault.BAD_SYSTEM_CALL);
        if (signals.containsKey(k)) return signals.get(k);
        for (Fault f : Fault.values()) if (f.name().equals(k)) return f;
        List<String> names = new ArrayList<>();
        for (Fault f : Fault.values()) names.add(f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        throw t.error("fault", "'" + s + "' is not a fault: " + String.join(", ", names) + ", or a signal: SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGSYS");
    }

    private static TestCase.MemoryCheck memory(TomlFields m) throws ExerciseException {
        m.allowOnly(MEMORY);
        Long address = m.integer("address", null);
        if (address == null) throw m.error("address", "is required (write hex as 0x0200)");
        if (address < 0 || address > 0xFFFF) throw m.error("address", "an address is 0x0000..0xFFFF");
        byte[] bytes;
        int given = (m.has("bytes") ? 1 : 0) + (m.has("text") ? 1 : 0) + (m.has("fill") ? 1 : 0);
        if (given != 1) throw m.error("bytes", "give exactly one of bytes = \"2A 00\", text = \"…\", or fill = 0 with length = N");
        if (m.has("bytes")) {
            try {
                bytes = HexText.parse(m.string("bytes", ""));
            } catch (FormatException e) {
                throw m.error("bytes", e.getMessage());
            }
        } else if (m.has("text")) {
            bytes = m.string("text", "").getBytes(StandardCharsets.UTF_8);
        } else {
            Long fill = m.integer("fill", null);
            Long length = m.integer("length", null);
            if (fill < 0 || fill > 255) throw m.error("fill", "a byte is 0..255");
            if (length == null || length < 1) throw m.error("length", "fill needs length = N (bytes)");
            bytes = new byte[(int) Math.min(length, 0x10000)];
            java.util.Arrays.fill(bytes, (byte) (long) fill);
        }
        if (bytes.length == 0) throw m.error("bytes", "expects no bytes");
        if (address + bytes.length > 0x10000) throw m.error("address", "the range runs past FFFFh");
        return new TestCase.MemoryCheck((int) (long) address, bytes);
    }

    private static <E extends Enum<E>> E choice(TomlFields t, String key, E[] values, E otherwise) throws ExerciseException {
        String s = t.string(key, null);
        return s == null ? otherwise : choiceOf(t, key, s, values);
    }

    private static <E extends Enum<E>> E choiceOf(TomlFields t, String key, String s, E[] values) throws ExerciseException {
        List<String> names = new ArrayList<>();
        for (E e : values) {
            String n = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (n.equals(s)) return e;
            names.add(n);
        }
        throw t.error(key, "'" + s + "' is not one of " + String.join(", ", names));
    }

    /** A data file a test names; a visible test may not name an instructor-only file. */
    private String text(TomlFields t, String key, boolean hidden) throws ExerciseException {
        String name = t.string(key, null);
        Path p = inside(name);
        if (p == null) throw t.error(key, "'" + name + "' must be a relative path inside the exercise folder");
        if (!hidden && instructorOnly(p)) throw t.error(key, refusal(name, "a visible test"));
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) throw t.error(key, "no file " + name + " in the exercise folder");
        return text(dir.relativize(p).toString(), true);
    }

    private static String refusal(String name, String what) {
        return "'" + name + "' is an instructor-only file (hidden/, hidden.toml, solution.*): " + what
                + " cannot use it, or show, the page and export would give its data to students; move the test to "
                + HIDDEN_FILE + ", or the file out of hidden/";
    }

    /** Files looked at under hidden/ when comparing a visible test's file with them. */
    private static final int MAX_HIDDEN_FILES = 1000;

    /**
     * True when a path inside the folder is one only the instructor may have: by name in any case
     * (a case-insensitive file system opens Hidden/x as hidden/x), or as the same file under another
     * name (a hard link).
     */
    private boolean instructorOnly(Path p) {
        Path base = dir.normalize();
        if (StudentEdition.instructorOnly(Path.of(base.relativize(p).toString().toLowerCase(Locale.ROOT)))) return true;
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return false;
        List<Path> secret = new ArrayList<>();
        try (var s = Files.list(base)) {
            for (Path q : (Iterable<Path>) s::iterator)
                if (StudentEdition.instructorOnly(base.relativize(q))) secret.add(q);
        } catch (IOException e) {
            return false;
        }
        for (Path top : secret) {
            try (var s = Files.walk(top)) {
                for (Path q : (Iterable<Path>) s.limit(MAX_HIDDEN_FILES)::iterator)
                    if (Files.isRegularFile(q, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(p, q)) return true;
            } catch (IOException e) {
                // an unreadable hidden file cannot be the one a test reads
            }
        }
        return false;
    }

    /** A file of the exercise as text, or null if absent and not required. */
    private String text(String name, boolean required) throws ExerciseException {
        Path p = inside(name);
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!required) return null;
            throw new ExerciseException(shown(name), 0, null, "missing");
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
            throw new ExerciseException(shown(name), 0, null, "is not a regular file");
        try {
            if (Files.size(p) > MAX_FILE_BYTES) throw new ExerciseException(shown(name), 0, null, "is larger than 1 MiB");
            String text = Utf8.text(Files.readAllBytes(p));
            if (text == null) throw new ExerciseException(shown(name), 0, null, "is not UTF-8 text");
            return text;
        } catch (IOException e) {
            throw new ExerciseException(shown(name), 0, null, "cannot be read: " + e.getMessage());
        }
    }

    /** The path of a file named relative to the exercise folder, or null if it would leave the folder. */
    private Path inside(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) return null;
        Path p;
        try {
            p = dir.resolve(name).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (!p.startsWith(dir.normalize())) return null;
        for (Path q = p; q != null && !q.equals(dir.normalize()); q = q.getParent())
            if (Files.isSymbolicLink(q)) return null;
        return p;
    }

    /** The one file named solution.* in the folder, or null. */
    private String solutionFile() throws ExerciseException {
        List<String> found = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (StudentEdition.isSolution(n) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) found.add(n);
            }
        } catch (IOException e) {
            throw new ExerciseException(shown, 0, null, "cannot be listed: " + e.getMessage());
        }
        if (found.size() > 1) throw new ExerciseException(shown, 0, null, "more than one solution file: " + String.join(", ", found));
        return found.isEmpty() ? null : found.get(0);
    }

    private byte[] bytes(String name) throws ExerciseException {
        Path p = inside(name);
        try {
            if (p == null || Files.size(p) > MAX_FILE_BYTES) throw new ExerciseException(shown(name), 0, null, "is larger than 1 MiB");
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ExerciseException(shown(name), 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static String starterFor(List<Exercise.Question> questions) {
        StringBuilder sb = new StringBuilder("# One answer a line: the question's id, a colon, your answer.\n");
        for (Exercise.Question q : questions) sb.append(q.id()).append(": \n");
        return sb.toString();
    }
}
