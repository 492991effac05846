package toyisa.bench;

/** The emulator's engine: an Intellio guest translated to Armistice host code. */
final class Translated {
    private Translated() {}

    static Runner prepare(BenchProgram program, int repeat, byte[] binary) {
        throw new UnsupportedOperationException("the translator is not available yet");
    }

    /** True when this build has the translator. */
    static boolean available() {
        return false;
    }
}
