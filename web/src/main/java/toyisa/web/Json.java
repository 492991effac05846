package toyisa.web;

/**
 * A small JSON writer: the exported API hands every result to JavaScript as one JSON text, so the
 * page and the tests read plain objects and nothing depends on how TeaVM lays out Java objects.
 */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    /** One flag per open object or array: true once it has a member (a comma goes before the next). */
    private boolean[] hasMember = new boolean[16];
    private int depth;
    private boolean afterKey;

    Json beginObject() {
        value();
        sb.append('{');
        push();
        return this;
    }

    Json endObject() {
        depth--;
        sb.append('}');
        return this;
    }

    Json beginArray() {
        value();
        sb.append('[');
        push();
        return this;
    }

    Json endArray() {
        depth--;
        sb.append(']');
        return this;
    }

    Json key(String name) {
        comma();
        string(name);
        sb.append(':');
        afterKey = true;
        return this;
    }

    Json value(String s) {
        value();
        if (s == null) sb.append("null");
        else string(s);
        return this;
    }

    Json value(long n) {
        value();
        sb.append(n);
        return this;
    }

    Json value(boolean b) {
        value();
        sb.append(b);
        return this;
    }

    /** A number with two decimals, written the same in every locale. */
    Json value2(double d) {
        value();
        long hundredths = Math.round(d * 100);
        sb.append(hundredths / 100).append('.');
        long frac = Math.abs(hundredths % 100);
        if (frac < 10) sb.append('0');
        sb.append(frac);
        return this;
    }

    Json field(String name, String s) {
        return key(name).value(s);
    }

    Json field(String name, long n) {
        return key(name).value(n);
    }

    Json field(String name, boolean b) {
        return key(name).value(b);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void push() {
        if (depth == hasMember.length) hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        hasMember[depth++] = false;
    }

    private void value() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        comma();
    }

    private void comma() {
        if (depth == 0) return;
        if (hasMember[depth - 1]) sb.append(',');
        hasMember[depth - 1] = true;
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        String h = Integer.toHexString(c);
                        sb.append("\\u");
                        for (int k = h.length(); k < 4; k++) sb.append('0');
                        sb.append(h);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
