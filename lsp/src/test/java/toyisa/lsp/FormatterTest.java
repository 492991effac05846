package toyisa.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Formatting lays a file out as the examples are written, and leaves the examples as they are. */
class FormatterTest {
    @Test
    void theExamplesAreAlreadyFormatted() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pasm")).toList()) {
                assertEquals(List.of(), Formatter.edits(Files.readString(p)), p.toString());
            }
        }
    }

    @Test
    void linesAreAligned() {
        assertEquals("start:  mov a, 10h          ; HAL", Formatter.line("start: mov a,   10h ; HAL"));
        assertEquals("        mov c, [b + 2]", Formatter.line("  mov   c ,[b + 2]"));
        assertEquals("greeting: .asciz \"a, b\"", Formatter.line("greeting:   .asciz   \"a, b\""));
        assertEquals("again:", Formatter.line("again:"));
        assertEquals(".macro print reg", Formatter.line("    .macro print reg"));
        assertEquals("; a comment stays", Formatter.line("; a comment stays   "));
        assertEquals("        movv c,, 1", Formatter.line("        movv c,, 1")); // a line the grammar cannot read is left alone
    }
}
