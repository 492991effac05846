package toyisa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A suite program's native C twin, compiled by {@code bench/run} with the machine's gcc at
 * {@code -O2}: the physical limit the interpreters are compared with. The twin times its own
 * repeat loop ({@code clock_gettime}), so process start-up is not counted, and prints its result
 * and the nanoseconds, by the wall clock and in CPU time.
 */
final class NativeTwin {
    private final Path executable;
    private final BenchProgram program;

    NativeTwin(Path directory, BenchProgram program) {
        this.executable = directory.resolve(program.name());
        this.program = program;
    }

    boolean exists() {
        return Files.isExecutable(executable);
    }

    /** Runs the twin once with {@code repeat} repetitions; returns seconds (wall or CPU time); fails on a wrong result. */
    double run(int repeat, boolean cpuTime) {
        try {
            Process p = new ProcessBuilder(executable.toString(), Integer.toString(repeat)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(executable + " did not finish");
            }
            String[] lines = out.strip().split("\\R");
            if (p.exitValue() != 0 || lines.length != 3) throw new IllegalStateException(executable + " failed: " + out.strip());
            if (!(lines[0] + "\n").equals(program.expected()))
                throw new IllegalStateException("the native twin of " + program.name() + " printed " + lines[0] + ", expected " + program.expected().strip());
            return Long.parseLong(lines[cpuTime ? 2 : 1].strip()) / 1e9;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
