package toyisa.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every golden in the corpus belongs to a program and to something that reads it: a file no suite
 * reads (a report left behind by a removed program, a misspelt CPU, a shared {@code NAME.report})
 * would otherwise look like a checked expectation and check nothing.
 */
class CorpusFilesTest {
    private static final Pattern FILE = Pattern.compile(
            "(?<name>[a-z0-9-]+)(?:\\.(?:armistice|intellio))?\\.(?:out|status|in)|(?<reported>[a-z0-9-]+)\\.(?:armistice|intellio|translated)\\.report|[a-z0-9-]+\\.pasm");

    @Test
    void everyFileIsReadBySomeSuite() throws IOException {
        List<String> strays;
        try (Stream<Path> files = Files.list(CorpusSuite.SOURCE_DIRECTORY)) {
            strays = files.map(p -> p.getFileName().toString()).sorted().filter(this::stray).toList();
        }
        assertEquals(List.of(), strays, "files in the corpus that no suite reads as named");
    }

    private boolean stray(String file) {
        Matcher m = FILE.matcher(file);
        if (!m.matches()) return true;
        String program = m.group("name") != null ? m.group("name") : m.group("reported");
        return program != null && !Files.exists(CorpusSuite.SOURCE_DIRECTORY.resolve(program + ".pasm"));
    }
}
