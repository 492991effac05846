package toyisa.container;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxfTest {
    static final byte[] PRINT42_INTELLIO = {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4};

    static TxfImage sample() {
        return new TxfImage(TxfImage.INTELLIO, TxfImage.LITTLE_ENDIAN, TxfImage.EXECUTABLE, 0x100,
                List.of(new Segment(0x100, PRINT42_INTELLIO), new Segment(0x200, new byte[] {1, 2, 3})),
                List.of(new Symbol("start", 0x100), new Symbol("données", 0x200)),
                List.of("print42.pasm"),
                List.of(new LineEntry(0x100, 0, 1), new LineEntry(0x102, 0, 2)));
    }

    @Test
    void headerBytesAreTheFixedPoint() {
        byte[] b = Txf.write(sample());
        assertArrayEquals(new byte[] {0x7F, 0x54, 0x58, 0x46, 1, 1, 2, 0x1E}, Arrays.copyOf(b, 8));
        TxfImage arm = TxfImage.of(TxfImage.ARMISTICE, TxfImage.BIG_ENDIAN, TxfImage.POSITION_INDEPENDENT, 0x100, new byte[4]);
        assertArrayEquals(new byte[] {0x7F, 0x54, 0x58, 0x46, 1, 2, 3, (byte) 0xA7}, Arrays.copyOf(Txf.write(arm), 8));
    }

    @Test
    void roundTrips() throws FormatException {
        TxfImage img = sample();
        assertEquals(img, Txf.read(Txf.write(img)));
        assertEquals(0x1E, Txf.machineOf(Txf.write(img)));
    }

    @Test
    void truncatedFileSaysSo() {
        byte[] b = Txf.write(sample());
        FormatException e = assertThrows(FormatException.class, () -> Txf.read(Arrays.copyOf(b, 25)));
        assertTrue(e.getMessage().startsWith("truncated TXF"), e.getMessage());
    }

    @Test
    void trailingGarbageIsRejected() {
        byte[] b = Txf.write(sample());
        FormatException e = assertThrows(FormatException.class, () -> Txf.read(Arrays.copyOf(b, b.length + 1)));
        assertTrue(e.getMessage().contains("unexpected byte"), e.getMessage());
    }

    @Test
    void hugeCountsDoNotAllocate() {
        byte[] b = Txf.write(TxfImage.of(0xA7, 2, 2, 0x100, new byte[0]));
        b[16] = b[17] = b[18] = b[19] = (byte) 0xFF; // 4 billion line entries promised
        assertThrows(FormatException.class, () -> Txf.read(b));
    }

    @Test
    void segmentPastEndOfMemoryIsRejected() {
        byte[] b = Txf.write(TxfImage.of(0xA7, 2, 2, 0xFFFE, new byte[2]));
        b[20] = (byte) 0xFF; // address FFFF + 2 bytes
        FormatException e = assertThrows(FormatException.class, () -> Txf.read(b));
        assertTrue(e.getMessage().contains("past the end of memory"), e.getMessage());
    }

    @Test
    void wrongVersionTypeAndOrderAreNamed() {
        byte[] b = Txf.write(sample());
        byte[] v = b.clone();
        v[4] = 2;
        assertTrue(assertThrows(FormatException.class, () -> Txf.read(v)).getMessage().contains("version 2"));
        byte[] t = b.clone();
        t[6] = 4;
        assertTrue(assertThrows(FormatException.class, () -> Txf.read(t)).getMessage().contains("type 4"));
        assertThrows(FormatException.class, () -> Txf.read(new byte[] {1, 2, 3}));
        assertFalse(Txf.isTxf(new byte[] {0x7F, 0x54}));
    }

    @Test
    void fatRoundTripsAndKeepsSliceOrder() throws FormatException {
        byte[] intellio = Txf.write(sample());
        byte[] armistice = Txf.write(TxfImage.of(0xA7, 2, 2, 0x100, new byte[] {0x0F, 0, 0, 0}));
        byte[] fat = Fat.write(List.of(armistice, intellio));
        assertTrue(Fat.isFat(fat));
        assertFalse(Txf.isTxf(fat));
        List<byte[]> slices = Fat.slices(fat);
        assertEquals(2, slices.size());
        assertArrayEquals(armistice, slices.get(0));
        assertArrayEquals(intellio, slices.get(1));
    }

    @Test
    void fatRejectsMismatchedMachineAndDuplicates() {
        byte[] armistice = Txf.write(TxfImage.of(0xA7, 2, 2, 0x100, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> Fat.write(List.of(armistice, armistice)));
        byte[] fat = Fat.write(List.of(armistice));
        fat[8] = 0x1E;
        assertTrue(assertThrows(FormatException.class, () -> Fat.slices(fat)).getMessage().contains("listed for machine 1Eh"));
    }
}
