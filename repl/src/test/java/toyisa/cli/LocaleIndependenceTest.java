package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: under LANG=tr_TR the assembler rejected halt on Intellio ("an instruction of
 * Armistice"), fat builds failed and exercise list died on 'BİNARY'; under Arabic and Thai locales
 * scores and the emulator log printed other digits. Every command prints the same in every locale.
 */
class LocaleIndependenceTest {
    @TempDir
    Path dir;

    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    private String all() throws IOException {
        Path src = Files.writeString(dir.resolve("count.pasm"), "        mov c, 5\n        mov b, 0\nagain:  add b, c\n        sub c, 1\n"
                + "        cmp c, 0\n        jnz again\n        mov a, 10h\n        mov c, b\n        int 13h\n        halt\n");
        StringBuilder sb = new StringBuilder();
        String[][] commands = {
            {"asm", "--target", "intellio", "--listing", "-o", dir.resolve("c.bin").toString(), src.toString()},
            {"asm", "--target", "fat", "-o", dir.resolve("c.fat").toString(), src.toString()},
            {"emulate", "--log", dir.resolve("c.bin").toString()},
            {"run", "--cpu", "armistice", dir.resolve("c.fat").toString()},
            {"disasm", dir.resolve("c.fat").toString()},
            {"exercise", "list"},
            {"exercise", "check", "sum", src.toString()},
        };
        for (String[] c : commands) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int status = Toyisa.execute(c, new PrintWriter(out, true), new PrintWriter(err, true));
            sb.append(String.join(" ", c)).append(" -> ").append(status).append('\n').append(out).append(err);
        }
        return sb.toString().replace(dir.toString(), "$DIR");
    }

    @Test
    void everyCommandPrintsTheSameInTurkishArabicAndThaiLocales() throws IOException {
        Locale.setDefault(Locale.ROOT);
        String expected = all();
        for (Locale l : new Locale[] {new Locale("tr", "TR"), new Locale("ar", "SA"), new Locale("th", "TH", "TH"), new Locale("hi", "IN")}) {
            Locale.setDefault(l);
            assertEquals(expected, all(), "under " + l);
        }
    }
}
