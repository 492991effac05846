package toyisa.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Linux tool the tests compare toyisa with (Debian's {@code update-binfmts}, {@code file}),
 * when it is installed. Tests that need one are skipped, naming the package, where it is not.
 */
final class HostTool {
    /** What a run of the tool printed and its exit status. */
    record Result(String out, String err, int status) {}

    private final Path path;

    private HostTool(Path path) {
        this.path = path;
    }

    /** The tool on the PATH (or in /usr/sbin, /sbin), or null. */
    static HostTool find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        dirs.add("/sbin");
        for (String d : dirs) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return new HostTool(p);
        }
        return null;
    }

    static String missing(String name, String debianPackage) {
        return name + " is not installed here (apt-get install " + debianPackage + "); CI installs it, so this test runs there";
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        // The outputs are small; read them after the process ends, with a bound on how long it may take.
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(path + " did not finish in 30 s");
        }
        return new Result(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), p.exitValue());
    }

    /**
     * A jar that runs this test's toyisa: {@code java -jar} on it starts {@code toyisa.cli.Toyisa}
     * from the test's class path (its manifest names it), standing in for the built toyisa.jar in
     * the test phase, before the jar is packaged.
     */
    static Path thinJar(Path dir) throws IOException {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            if (cp.length() > 0) cp.append(' ');
            cp.append(Path.of(entry).toAbsolutePath().toUri());
        }
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "toyisa.cli.Toyisa");
        m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, cp.toString());
        Path jar = dir.resolve("toyisa.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar), m)) {
            // the manifest is all it holds
        }
        return jar;
    }
}
