package toyisa.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import toyisa.armistice.Armistice;
import toyisa.intellio.Intellio;

class PortableCardTest {
    /** The committed docs/portable.md is what the lowering tables generate. */
    @Test
    void portableCardIsCurrent() throws IOException {
        Path card = Path.of("..", "docs", "portable.md");
        String expected = PortableCard.markdown();
        if (Boolean.getBoolean("toyisa.regenerate")) {
            Files.writeString(card, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(card)) fail(card + " is missing: run mvn -pl assembler -am test -Dtoyisa.regenerate=true and commit it");
        assertEquals(expected, Files.readString(card, StandardCharsets.UTF_8),
                card + " is stale: run mvn -pl assembler -am test -Dtoyisa.regenerate=true, review the diff and commit it");
    }

    @Test
    void bothLoweringTablesLoadAndCoverTheSamePortableForms() {
        Lowering a = Lowering.of(Armistice.ISA), i = Lowering.of(Intellio.ISA);
        for (Lowering.Rule r : a.rules())
            if (!r.mnemonic().equals("out")) assertEquals(r.portable(), i.find(r.mnemonic(), r.kinds()).portable());
        for (Lowering.Rule r : i.rules())
            if (!r.mnemonic().equals("out")) assertEquals(r.portable(), a.find(r.mnemonic(), r.kinds()).portable());
    }
}
