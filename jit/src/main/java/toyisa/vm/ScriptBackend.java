package toyisa.vm;

import java.nio.charset.StandardCharsets;

/** Regions as JavaScript functions ({@link ScriptCompiler}), made by a {@link ScriptHost}. */
final class ScriptBackend implements RegionBackend {
    private static final int[] NO_EXITS = {};
    private final ScriptHost host;

    ScriptBackend(ScriptHost host) {
        this.host = host;
    }

    @Override
    public RegionCompiler.Compiled compile(Machine m, JitCpu cpu, Region region) {
        ScriptCompiler c = cpu.script(m, region);
        String body = c.compile();
        ScriptRegion code = host.define(ScriptCompiler.PARAMS, body);
        code.flags(c.flags());
        // No exits to link: a script region returns to the engine at each of them.
        return new RegionCompiler.Compiled(code, body.length(), body.getBytes(StandardCharsets.UTF_8), NO_EXITS);
    }

    @Override
    public String listing(RegionCompiler.Compiled c) {
        return "function(" + ScriptCompiler.PARAMS + ") {\n" + new String(c.classBytes(), StandardCharsets.UTF_8) + "}";
    }

    @Override
    public int id() {
        return 1;
    }
}
