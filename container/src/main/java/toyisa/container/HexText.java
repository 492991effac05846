package toyisa.container;

import java.io.ByteArrayOutputStream;

/**
 * Hex text: a program's bytes written by hand, two hex digits a byte, separated by whitespace, with
 * {@code ;} or {@code #} comments to the end of the line. Hand-encoding exercises are handed in this
 * way, and every command that reads a binary accepts it.
 */
public final class HexText {
    private HexText() {}

    /** True when the file is text only (printable ASCII, tabs and line breaks, a byte-order mark first): hex text, or source. */
    public static boolean isText(byte[] file) {
        int mark = Utf8.markLength(file, 0, file.length);
        if (file.length == mark) return false;
        for (int i = mark; i < file.length; i++) {
            int c = file[i] & 0xFF;
            if (c != '\n' && c != '\r' && c != '\t' && (c < 0x20 || c > 0x7E)) return false;
        }
        return true;
    }

    /** The bytes a file of hex text spells (read by {@link Utf8#text}: {@link #isText} said it is text). */
    public static byte[] parse(byte[] file) throws FormatException {
        String text = Utf8.text(file);
        if (text == null) throw new FormatException("not hex text (not even UTF-8 text)");
        return parse(text);
    }

    /** The bytes of hex text; a token that is not two hex digits is an error naming its line. */
    public static byte[] parse(String text) throws FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lineNo = 0;
        for (String line : Utf8.lineEnds(text).split("\n", -1)) {
            lineNo++;
            int cut = line.indexOf(';');
            int hash = line.indexOf('#');
            if (hash >= 0 && (cut < 0 || hash < cut)) cut = hash;
            if (cut >= 0) line = line.substring(0, cut);
            for (String tok : line.strip().split("\\s+")) {
                if (tok.isEmpty()) continue;
                if (tok.length() != 2 || !isHexDigit(tok.charAt(0)) || !isHexDigit(tok.charAt(1)))
                    throw new FormatException("line " + lineNo + ": '" + (tok.length() > 20 ? tok.substring(0, 20) + "…" : tok)
                            + "' is not a byte (two hex digits, like 2A)");
                out.write(Integer.parseInt(tok, 16));
                if (out.size() > Txf.MAX_FILE_SIZE) throw new FormatException("more than 16 MiB of hex text");
            }
        }
        return out.toByteArray();
    }

    /** ASCII hex digits only: {@link Character#digit} would take other scripts' digits too. */
    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
