package toyisa.asm;

import java.util.List;

/**
 * Where a name of the source is defined: a label, an {@code .equ} constant or a macro. An editor's
 * "go to definition", outline and rename start here.
 *
 * @param kind   what the name is
 * @param name   as written (a macro's name in lower case, as it is looked up)
 * @param file   the file name as the assembler knows it (an included file's resolved name)
 * @param line   1-based line
 * @param column 1-based column of the name
 * @param params a macro's parameters; empty for the others
 */
public record Definition(Kind kind, String name, String file, int line, int column, List<String> params) {
    public enum Kind { LABEL, CONSTANT, MACRO }

    public Definition {
        params = List.copyOf(params);
    }
}
