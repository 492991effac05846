package toyisa.jit;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/** What the jit reads back from a compiled region's class file: its listing for the log, and the size of its code. */
final class ClassBytes {
    private ClassBytes() {}

    /** The class javap-style, for the log. */
    static String listing(byte[] classBytes) {
        StringWriter w = new StringWriter();
        new ClassReader(classBytes).accept(new TraceClassVisitor(new PrintWriter(w)), ClassReader.SKIP_DEBUG);
        return w.toString();
    }

    /** The length of the {@code run} method's code, in bytes: what HotSpot's limits on compiled methods count. */
    static int runCodeSize(byte[] classBytes) {
        ClassReader cr = new ClassReader(classBytes);
        char[] buf = new char[cr.getMaxStringLength()];
        int at = cr.header + 6;
        at += 2 + 2 * cr.readUnsignedShort(at); // interfaces
        int fields = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < fields; i++) at = skipMember(cr, at);
        int methods = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = cr.readUTF8(at + 2, buf);
            int attributes = cr.readUnsignedShort(at + 6);
            int p = at + 8;
            for (int k = 0; k < attributes; k++) {
                if (name.equals("run") && cr.readUTF8(p, buf).equals("Code")) return cr.readInt(p + 10);
                p += 6 + cr.readInt(p + 2);
            }
            at = p;
        }
        return 0;
    }

    private static int skipMember(ClassReader cr, int at) {
        int attributes = cr.readUnsignedShort(at + 6);
        int p = at + 8;
        for (int k = 0; k < attributes; k++) p += 6 + cr.readInt(p + 2);
        return p;
    }
}
