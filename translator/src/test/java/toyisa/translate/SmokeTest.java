package toyisa.translate;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void print42() {
        byte[] p = {0x20, 0x10, 0x22, 0x2A, (byte) 0xCD, 0x13, (byte) 0xF4};
        Emulator.Result r = Emulator.run(p, Emulator.options().log(true));
        System.out.println(r.log());
        System.out.println(r.result().output() + " status " + r.result().exitStatus() + " " + r.result().state());
    }
}
