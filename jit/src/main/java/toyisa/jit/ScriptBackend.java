package toyisa.jit;

import java.nio.charset.StandardCharsets;
import toyisa.vm.Core;

/** Regions as JavaScript functions ({@link ScriptCompiler}), made by a {@link ScriptHost}. */
final class ScriptBackend implements RegionBackend {
    private final ScriptHost host;

    ScriptBackend(ScriptHost host) {
        this.host = host;
    }

    @Override
    public RegionClass compile(Core m, JitCpu cpu, Region region) {
        ScriptCompiler c = cpu.script(m, region);
        String body = c.compile();
        ScriptRegion code = host.define(ScriptCompiler.PARAMS, body);
        return new RegionClass(code, body.length(), body.getBytes(StandardCharsets.UTF_8), c.exits());
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
