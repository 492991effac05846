package toyisa.container;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: text from a file or a container is UTF-8 or it is refused, never patched with U+FFFD. */
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
}
