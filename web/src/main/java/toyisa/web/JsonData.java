package toyisa.web;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Reading a JSON text in the page: the browser's own {@code JSON.parse}, and typed access to the
 * members of what it made. Only for the script TeaVM compiles (these methods are JavaScript).
 */
final class JsonData {
    private JsonData() {}

    /** The parsed value, or null when the text is not JSON. */
    @JSBody(params = "text", script = "try { return JSON.parse(text); } catch (e) { return null; }")
    static native JSObject parse(String text);

    @JSBody(params = "o", script = "return o !== null && typeof o === 'object' && !Array.isArray(o);")
    static native boolean isObject(JSObject o);

    @JSBody(params = "o", script = "return Array.isArray(o);")
    static native boolean isArray(JSObject o);

    /** True when the object has the member and it is not null. */
    @JSBody(params = {"o", "k"}, script = "return o[k] !== undefined && o[k] !== null;")
    static native boolean has(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return typeof o[k] === 'string';")
    static native boolean isString(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return typeof o[k] === 'number' && isFinite(o[k]);")
    static native boolean isNumber(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return typeof o[k] === 'boolean';")
    static native boolean isBoolean(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return String(o[k]);")
    static native String string(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return Number(o[k]);")
    static native double number(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return o[k] === true;")
    static native boolean bool(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return o[k];")
    static native JSObject member(JSObject o, String k);

    /** The object's member names, as an array. */
    @JSBody(params = "o", script = "return Object.keys(o);")
    static native JSObject keys(JSObject o);

    @JSBody(params = "a", script = "return a.length;")
    static native int length(JSObject a);

    @JSBody(params = {"a", "i"}, script = "return a[i];")
    static native JSObject at(JSObject a, int i);

    @JSBody(params = {"a", "i"}, script = "return String(a[i]);")
    static native String stringAt(JSObject a, int i);
}
