package toyisa.jit;

import toyisa.vm.Core;

/**
 * What a region is compiled to: JVM bytecode ({@link BytecodeBackend}, the command line's engine) or
 * JavaScript ({@link ScriptBackend}, the page's). The engine, the region former and their rules are
 * the same for both.
 */
interface RegionBackend {
    /** Compiles a region formed on {@code m}. */
    RegionClass compile(Core m, JitCpu cpu, Region region);

    /** The compiled code as text, for the log. */
    String listing(RegionClass c);

    /** Tells the code cache's keys apart: the same bytes compiled by another back end are other code. */
    int id();
}
