package toyisa.container;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: text from a file or a container is UTF-8 or it is refused, never patched with U+FFFD.
 * {@link #text} is the one rule for text a person wrote in an editor — sources, includes, answers,
 * course files: the byte-order mark some editors put first is not part of the text, and a line ends
 * at CR LF, LF or a lone CR alike.
 */
public final class Utf8 {
    private Utf8() {}

    /** The bytes as text, or null when they are not well-formed UTF-8. */
    public static String decode(byte[] b, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    /**
     * A text file's bytes as its text: strict UTF-8, a byte-order mark (EF BB BF) at the start
     * dropped, every line end (CR LF, lone CR) made LF. Null when the bytes are not UTF-8.
     */
    public static String text(byte[] b, int offset, int length) {
        int mark = markLength(b, offset, length);
        String s = decode(b, offset + mark, length - mark);
        return s == null ? null : lineEnds(s);
    }

    /** 3 when the bytes start with a UTF-8 byte-order mark (EF BB BF), else 0. */
    public static int markLength(byte[] b, int offset, int length) {
        return length >= 3 && (b[offset] & 0xFF) == 0xEF && (b[offset + 1] & 0xFF) == 0xBB && (b[offset + 2] & 0xFF) == 0xBF ? 3 : 0;
    }

    public static String text(byte[] b) {
        return text(b, 0, b.length);
    }

    /** CR LF and lone CR made LF. */
    public static String lineEnds(String s) {
        if (s.indexOf('\r') < 0) return s;
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
