package toyisa.vm.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import toyisa.intellio.Intellio;

/** Regressions: the binfmt registry file under concurrent writers and as a special or binary file. */
class RegistryFileTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersNeverLetAReaderSeeAHalfWrittenRegistry() throws Exception {
        Path file = dir.resolve("binfmt");
        BinfmtRegistry.load(file).save();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            boolean on = t % 2 == 0;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        BinfmtRegistry r = BinfmtRegistry.load(file);
                        if (r.entry(BinfmtRegistry.INTELLIO_ENTRY).isEmpty()) throw new AssertionError("a truncated registry was read");
                        r.setEnabled(BinfmtRegistry.INTELLIO_ENTRY, on);
                        r.save();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertEquals(0, failures.size(), failures.isEmpty() ? "" : failures.size() + " failures, the first: " + failures.get(0));
    }

    @Test
    void aBinaryOrSpecialRegistryIsAClearErrorNamingTheFile() throws Exception {
        Path junk = Files.write(dir.resolve("binfmt"), new byte[] {(byte) 0xC3, 0x28, 0x0A});
        ConfigException e = assertThrows(ConfigException.class, () -> BinfmtRegistry.load(junk));
        assertTrue(e.getMessage().contains(junk + " is not UTF-8 text"), e.getMessage());
        if (Files.exists(Path.of("/dev/zero"))) {
            ConfigException z = assertThrows(ConfigException.class, () -> BinfmtRegistry.load(Path.of("/dev/zero")));
            assertTrue(z.getMessage().contains("is not a regular file"), z.getMessage());
        }
    }

    @Test
    void aCorruptTxfIsTheSameExecFormatErrorOnBothMachines() {
        byte[] txf = toyisa.container.Txf.write(toyisa.container.TxfImage.of(0x1E, 1, 2, 0x100, new byte[] {(byte) 0xF4}));
        byte[] corrupt = java.util.Arrays.copyOf(txf, txf.length - 1);
        for (var isa : List.of(Intellio.ISA, toyisa.armistice.Armistice.ISA)) {
            Exec.Plan p = Exec.decide(corrupt, "bad.txf", isa, BinfmtRegistry.defaults());
            assertEquals(Exec.Plan.Kind.REFUSED, p.kind(), isa.name());
            assertTrue(p.message().startsWith("bad.txf: exec format error: "), p.message());
        }
    }
}
