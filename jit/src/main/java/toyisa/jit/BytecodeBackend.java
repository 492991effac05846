package toyisa.jit;

import toyisa.vm.Core;

/** Regions as JVM bytecode, loaded as hidden classes ({@link RegionCompiler}). */
final class BytecodeBackend implements RegionBackend {
    static final BytecodeBackend INSTANCE = new BytecodeBackend();

    static {
        // The generated code's names, against the real fields, before the first region is made. Here
        // rather than in Jit: the page's build (JavaScript regions) has no reflection to check with.
        FieldCheck.require(RegionCompiler.members());
    }

    private BytecodeBackend() {}

    @Override
    public RegionClass compile(Core m, JitCpu cpu, Region region) {
        return cpu.compiler(m, region).compile();
    }

    @Override
    public String listing(RegionClass c) {
        return ClassBytes.listing(c.classBytes());
    }

    @Override
    public int id() {
        return 0;
    }
}
