package toyisa.jit;

import java.nio.charset.StandardCharsets;
import toyisa.vm.Core;

/** Regions as JavaScript functions ({@link ScriptCompiler}), made by a {@link ScriptHost}. */
final class ScriptBackend implements RegionBackend {
    private static final int[] NO_EXITS = {};
    private final ScriptHost host;

    ScriptBackend(ScriptHost host) {
        this.host = host;
    }

    @Override
    public RegionClass compile(Core m, JitCpu cpu, Region region) {
        ScriptCompiler c = cpu.script(m, region);
        String body = c.compile();
        ScriptRegion code = host.define(ScriptCompiler.PARAMS, body);
        // No exits to link: a script region returns to the engine at each of them.
        return new RegionClass(code, body.length(), body.getBytes(StandardCharsets.UTF_8), NO_EXITS);
    }

    @Override
    public String listing(RegionClass c) {
        return "function(" + ScriptCompiler.PARAMS + ") {\n" + new String(c.classBytes(), StandardCharsets.UTF_8) + "}";
    }

    @Override
    public int id() {
        return 1;
    }
}
