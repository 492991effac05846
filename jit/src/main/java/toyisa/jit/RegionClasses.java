package toyisa.jit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import toyisa.vm.Core;

/**
 * The region classes ({@link RegionClass}) of every machine in this JVM, by what they were made from: the entry
 * and the bytes of each block at its address. A grading run loads the same binary again and again;
 * its hot code is compiled once and stays compiled by HotSpot, instead of being made anew (and run
 * cold) on every load. Bounded, least recently used first out: a region nobody holds any more is
 * a hidden class the JVM unloads.
 */
final class RegionClasses {
    static final int MAX_REGIONS = 4096;
    static final long MAX_BYTES = 32L << 20;

    /** What a region's code depends on: its blocks' addresses and bytes. */
    static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final Map<Key, RegionClass> CACHE = new LinkedHashMap<>(256, 0.75f, true);
    private static long bytes;

    private RegionClasses() {}

    /** The key of a region formed on {@code m} for a back end: entry, then per block its start, size and bytes. */
    static Key key(Core m, Region region, int backend) {
        int n = 4;
        for (Region.Block b : region.blocks.values()) n += 4 + 8 * b.slots().length;
        byte[] k = new byte[n];
        int p = 0;
        k[p++] = (byte) m.isa().machine(); // the same bytes are other code on the other CPU
        k[p++] = (byte) backend;
        k[p++] = (byte) (region.entry >>> 8);
        k[p++] = (byte) region.entry;
        for (Region.Block b : region.blocks.values()) {
            k[p++] = (byte) (b.start() >>> 8);
            k[p++] = (byte) b.start();
            k[p++] = (byte) (b.slots().length >>> 8);
            k[p++] = (byte) b.slots().length;
            for (int at : b.slots()) {
                // A slot's code depends on its four bytes and, for a compare, on the jump after it.
                for (int i = 0; i < 8; i++) k[p++] = m.fetchMemory()[(at + i) & 0xFFFF];
            }
        }
        return new Key(Arrays.copyOf(k, p));
    }

    static synchronized RegionClass get(Key key) {
        return CACHE.get(key);
    }

    static synchronized void put(Key key, RegionClass c) {
        if (CACHE.put(key, c) == null) bytes += c.bytecodeSize();
        var it = CACHE.values().iterator();
        while ((CACHE.size() > MAX_REGIONS || bytes > MAX_BYTES) && it.hasNext()) {
            bytes -= it.next().bytecodeSize();
            it.remove();
        }
    }
}
