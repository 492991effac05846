package toyisa.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import toyisa.asm.Assembler;
import toyisa.asm.Assembly;
import toyisa.intellio.Intellio;
import toyisa.vm.Machine;
import toyisa.vm.RunResult;

/** Not a test: measures the bench suite translated vs interpreted, with -Dtoyisa.measure=PATH_TO_SUITE. */
class SuiteMeasure {
    @Test
    @EnabledIfSystemProperty(named = "toyisa.measure", matches = ".+")
    void measure() throws Exception {
        String dir = System.getProperty("toyisa.measure");
        double scale = Double.parseDouble(System.getProperty("toyisa.measure.scale", "0.05"));
        for (String name : new String[] {"sieve", "fib", "sort", "crc16", "matmul", "strings"}) {
            String src = Files.readString(Path.of(dir, name + ".pasm"));
            java.util.regex.Matcher mm = java.util.regex.Pattern.compile("\\.equ REPEAT, (\\d+)").matcher(src);
            if (mm.find()) src = mm.replaceFirst(".equ REPEAT, " + Math.max(1, (int) (Integer.parseInt(mm.group(1)) * scale)));
            Assembly a = Assembler.assemble(name + ".pasm", src, Intellio.ISA);
            if (!a.ok()) throw new IllegalStateException(a.formatDiagnostics());
            byte[] bin = a.binary();
            long ti = Long.MAX_VALUE, tt = Long.MAX_VALUE;
            RunResult ri = null;
            Emulator.Result rt = null;
            for (int k = 0; k < 5; k++) {
                long t0 = System.nanoTime();
                Machine m = Machine.create(Intellio.ISA);
                m.loadRaw(bin);
                m.setBudget(Long.MAX_VALUE);
                ri = m.run();
                long t1 = System.nanoTime();
                rt = Emulator.run(bin, Emulator.options().budget(Long.MAX_VALUE));
                long t2 = System.nanoTime();
                ti = Math.min(ti, t1 - t0);
                tt = Math.min(tt, t2 - t1);
            }
            Assembly aa = Assembler.assemble(name + ".pasm", src, toyisa.armistice.Armistice.ISA);
            long ta = Long.MAX_VALUE;
            for (int k = 0; k < 5; k++) {
                long t0 = System.nanoTime();
                Machine m = Machine.create(toyisa.armistice.Armistice.ISA);
                m.loadRaw(aa.binary());
                m.setBudget(Long.MAX_VALUE);
                m.run();
                ta = Math.min(ta, System.nanoTime() - t0);
            }
            System.out.printf("%-8s armistice interpreter %6.1f ms%n", name, ta / 1e6);
            System.out.printf("%-8s guest %10d  same=%s  host/guest %.2f  interp %6.1f ms  translated %6.1f ms  ratio %.2f  blocks %d dispatch-hits %d%n",
                    name, ri.steps(), ri.output().equals(rt.result().output()) && ri.steps() == rt.stats().guestInstructions(),
                    rt.stats().expansion(), ti / 1e6, tt / 1e6, (double) tt / ti, rt.stats().blocksTranslated(), rt.stats().cacheHits());
        }
    }
}
