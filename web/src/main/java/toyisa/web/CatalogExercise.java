package toyisa.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.teavm.jso.JSObject;
import toyisa.exercises.Exercise;
import toyisa.exercises.TestCase;
import toyisa.isa.Isa;
import toyisa.vm.Engine;
import toyisa.vm.Fault;

/**
 * One exercise of the page's course catalog (the JSON that {@code CourseCatalog} writes from a
 * course's student edition) made back into an {@link Exercise}, so the page grades its visible tests
 * with the command line's own grader. A field that is missing or of the wrong type is an
 * {@link IllegalArgumentException} naming it.
 */
final class CatalogExercise {
    private CatalogExercise() {}

    static Exercise read(String json) {
        JSObject o = JsonData.parse(json == null ? "" : json);
        if (o == null || !JsonData.isObject(o)) throw new IllegalArgumentException("the exercise is not a JSON object");
        String id = string(o, "id", "exercise");
        Exercise.Submit submit = choice(Exercise.Submit.values(), string(o, "submit", id), id + ".submit");
        List<Exercise.Form> accept = new ArrayList<>();
        JSObject forms = array(o, "accept", id);
        for (int i = 0; i < JsonData.length(forms); i++)
            accept.add(choice(Exercise.Form.values(), JsonData.stringAt(forms, i), id + ".accept"));
        List<Exercise.Run> runs = runs(o, id);
        Exercise.Limits limits = limits(o, id);
        List<Exercise.Question> questions = new ArrayList<>();
        JSObject qs = array(o, "questions", id);
        for (int i = 0; i < JsonData.length(qs); i++) {
            JSObject q = JsonData.at(qs, i);
            String where = id + ".questions[" + i + "]";
            questions.add(new Exercise.Question(string(q, "id", where), string(q, "prompt", where), number(q, "points", where)));
        }
        List<TestCase> tests = new ArrayList<>();
        JSObject ts = array(o, "tests", id);
        for (int i = 0; i < JsonData.length(ts); i++) tests.add(test(JsonData.at(ts, i), id + ".tests[" + i + "]"));
        return new Exercise(id, string(o, "title", id), string(o, "lesson", id), submit, accept, runs, limits,
                string(o, "statement", id), string(o, "starterFile", id), string(o, "starter", id), null, null, tests,
                questions, false);
    }

    private static TestCase test(JSObject t, String where) {
        if (!JsonData.isObject(t)) throw new IllegalArgumentException(where + " is not an object");
        TestCase.Output stdout = null;
        if (JsonData.has(t, "stdout")) {
            JSObject s = object(t, "stdout", where);
            stdout = new TestCase.Output(string(s, "text", where + ".stdout"),
                    choice(TestCase.Match.values(), string(s, "match", where + ".stdout"), where + ".stdout.match"));
        }
        Integer status = JsonData.has(t, "status") ? (int) number(t, "status", where) : null;
        Fault fault = JsonData.has(t, "fault") ? choice(Fault.values(), string(t, "fault", where), where + ".fault") : null;
        Map<String, Integer> registers = numbers(t, "registers", where);
        Map<Character, Boolean> flags = new LinkedHashMap<>();
        JSObject fl = object(t, "flags", where);
        JSObject letters = JsonData.keys(fl);
        for (int i = 0; i < JsonData.length(letters); i++) {
            String f = JsonData.stringAt(letters, i);
            if (f.length() != 1 || !JsonData.isBoolean(fl, f)) throw new IllegalArgumentException(where + ".flags: '" + f + "' is not a flag letter with true or false");
            flags.put(f.charAt(0), JsonData.bool(fl, f));
        }
        List<TestCase.MemoryCheck> memory = new ArrayList<>();
        JSObject mem = array(t, "memory", where);
        for (int i = 0; i < JsonData.length(mem); i++) {
            JSObject m = JsonData.at(mem, i);
            String w = where + ".memory[" + i + "]";
            int address = (int) number(m, "address", w);
            if (address < 0 || address > 0xFFFF) throw new IllegalArgumentException(w + ": the address is outside 0000h–FFFFh");
            byte[] bytes = Api.bytes(string(m, "bytes", w));
            if (address + bytes.length > 0x10000) throw new IllegalArgumentException(w + ": the bytes run past FFFFh");
            memory.add(new TestCase.MemoryCheck(address, bytes));
        }
        Long maxSteps = JsonData.has(t, "maxSteps") ? (long) number(t, "maxSteps", where) : null;
        Map<String, Integer> codeSize = numbers(t, "codeSize", where);
        String sample = JsonData.has(t, "sample") ? string(t, "sample", where) : null;
        Boolean matches = sample == null ? null : JsonData.bool(t, "matches");
        return new TestCase(string(t, "name", where), string(t, "description", where), false, number(t, "points", where),
                "visible", List.of(), runs(t, where), string(t, "input", where), stdout, status, fault, registers, flags,
                memory, maxSteps, codeSize, strings(t, "required", where), strings(t, "forbidden", where), limits(t, where),
                null, List.of(), null, sample, matches);
    }

    private static List<Exercise.Run> runs(JSObject o, String where) {
        List<Exercise.Run> runs = new ArrayList<>();
        JSObject rs = array(o, "runs", where);
        for (int i = 0; i < JsonData.length(rs); i++) {
            JSObject r = JsonData.at(rs, i);
            String w = where + ".runs[" + i + "]";
            String cpu = string(r, "cpu", w);
            Isa isa = Isa.byName(cpu);
            if (isa == null) throw new IllegalArgumentException(w + ": unknown CPU '" + cpu + "'");
            String engine = string(r, "engine", w);
            Engine e = Engine.byLabel(engine);
            if (e == null) throw new IllegalArgumentException(w + ".engine: '" + engine + "' is not one of the choices");
            runs.add(new Exercise.Run(isa, e));
        }
        return runs;
    }

    private static Exercise.Limits limits(JSObject o, String where) {
        JSObject l = object(o, "limits", where);
        String w = where + ".limits";
        long budget = (long) number(l, "budget", w);
        double time = number(l, "timeLimit", w);
        int output = (int) number(l, "outputLimit", w);
        // The same ceilings as a course file: the page is bounded like the command line.
        if (budget < 1 || budget > Exercise.Limits.MAX_BUDGET || time <= 0 || time > Exercise.Limits.MAX_TIME_LIMIT
                || output < 0 || output > Exercise.Limits.MAX_OUTPUT_LIMIT)
            throw new IllegalArgumentException(w + ": outside the limits an exercise may have");
        return new Exercise.Limits(budget, time, output);
    }

    /** An object of numbers by name ({@code {"a": 6}}), in its order. */
    private static Map<String, Integer> numbers(JSObject o, String k, String where) {
        JSObject v = object(o, k, where);
        JSObject names = JsonData.keys(v);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < JsonData.length(names); i++) {
            String n = JsonData.stringAt(names, i);
            out.put(n, (int) number(v, n, where + "." + k));
        }
        return out;
    }

    private static List<String> strings(JSObject o, String k, String where) {
        JSObject a = array(o, k, where);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < JsonData.length(a); i++) out.add(JsonData.stringAt(a, i));
        return out;
    }

    private static <E extends Enum<E>> E choice(E[] values, String key, String where) {
        for (E e : values) if (e.name().equals(key.toUpperCase(Locale.ROOT))) return e;
        throw new IllegalArgumentException(where + ": '" + key + "' is not one of the choices");
    }

    private static String string(JSObject o, String k, String where) {
        if (!JsonData.isString(o, k)) throw new IllegalArgumentException(where + ": '" + k + "' is missing or not a string");
        return JsonData.string(o, k);
    }

    private static double number(JSObject o, String k, String where) {
        if (!JsonData.isNumber(o, k)) throw new IllegalArgumentException(where + ": '" + k + "' is missing or not a number");
        return JsonData.number(o, k);
    }

    private static JSObject object(JSObject o, String k, String where) {
        JSObject v = JsonData.has(o, k) ? JsonData.member(o, k) : null;
        if (v == null || !JsonData.isObject(v)) throw new IllegalArgumentException(where + ": '" + k + "' is missing or not an object");
        return v;
    }

    private static JSObject array(JSObject o, String k, String where) {
        JSObject v = JsonData.has(o, k) ? JsonData.member(o, k) : null;
        if (v == null || !JsonData.isArray(v)) throw new IllegalArgumentException(where + ": '" + k + "' is missing or not an array");
        return v;
    }
}
