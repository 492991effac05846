package toyisa.container;

import java.util.List;
import net.jqwik.api.*;

/** Whatever the bytes, reading them gives an image or a FormatException — never another exception. */
class HostileInputTest {

    @Property(tries = 3000)
    void randomBytesNeverCrashTheTxfReader(@ForAll byte[] bytes) {
        readTxf(bytes);
        // the same noise behind a valid magic gets past the first check
        byte[] withMagic = new byte[bytes.length + 4];
        System.arraycopy(Txf.MAGIC, 0, withMagic, 0, 4);
        System.arraycopy(bytes, 0, withMagic, 4, bytes.length);
        readTxf(withMagic);
        System.arraycopy(Fat.MAGIC, 0, withMagic, 0, 4);
        readFat(withMagic);
    }

    @Property(tries = 5000)
    void mutatedValidFilesNeverCrashTheReaders(@ForAll("valid") byte[] file, @ForAll int seed,
                                               @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 8) int flips) {
        java.util.Random rnd = new java.util.Random(seed);
        byte[] m = file.clone();
        for (int i = 0; i < flips; i++) m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
        int cut = rnd.nextInt(m.length + 1);
        readTxf(m);
        readTxf(java.util.Arrays.copyOf(m, cut));
        byte[] fat = Fat.write(List.of(file));
        for (int i = 0; i < flips; i++) fat[rnd.nextInt(fat.length)] = (byte) rnd.nextInt(256);
        readFat(fat);
        readFat(java.util.Arrays.copyOf(fat, rnd.nextInt(fat.length + 1)));
    }

    @Provide
    Arbitrary<byte[]> valid() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(code ->
                Txf.write(TxfTest.sample()).length > 0 && code.length % 2 == 0
                        ? Txf.write(TxfTest.sample())
                        : Txf.write(TxfImage.of(0xA7, 2, 2, 0x100, code)));
    }

    private static void readTxf(byte[] b) {
        try {
            Txf.read(b);
        } catch (FormatException expected) {
            // a clear message is the only acceptable failure
        }
    }

    private static void readFat(byte[] b) {
        try {
            for (byte[] s : Fat.slices(b)) readTxf(s);
        } catch (FormatException expected) {
            // ditto
        }
    }
}
