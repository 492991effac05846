package toyisa.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A guest word of memory as one access of the host: views of the memory array as unsigned 16-bit values (chars) in
 * either byte order. Compiled code reads and writes words through them, so HotSpot makes one load
 * (and a byte swap for Armistice) with one bounds check, instead of two byte loads, two checks, a
 * shift and an or. The fields are constants to HotSpot (static and final), and a view's accesses are
 * inlined whatever the size of the region's method.
 */
public final class Words {
    /** Armistice's byte order: the high byte first. */
    public static final VarHandle BIG = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.BIG_ENDIAN);
    /** Intellio's byte order: the low byte first. */
    public static final VarHandle LITTLE = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

    static final String OWNER = "toyisa/jit/Words", VIEW = "Ljava/lang/invoke/VarHandle;";

    private Words() {}
}
