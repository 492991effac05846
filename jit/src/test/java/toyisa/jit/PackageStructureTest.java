package toyisa.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import toyisa.vm.Machine;

/**
 * How the engine's packages depend on one another, read from the compiled classes by the JDK's
 * {@code jdeps}: no cycle between the packages of {@code vm} and {@code jit}. And no package of
 * the project lives in two of its jars (a split package).
 */
class PackageStructureTest {
    private static final Pattern EDGE = Pattern.compile("^\\s*(toyisa[\\w.]*)\\s+->\\s+(toyisa[\\w.]*)\\s", Pattern.MULTILINE);

    @Test
    void noCycleBetweenThePackagesOfVmAndJit() throws Exception {
        Map<String, Set<String>> graph = packageGraph(where(Machine.class), where(Jit.class));
        assertTrue(graph.getOrDefault("toyisa.jit", Set.of()).contains("toyisa.vm"), "jdeps sees the jit use vm: " + graph);
        List<String> cycle = cycle(graph);
        assertTrue(cycle.isEmpty(), "a cycle between packages: " + String.join(" -> ", cycle) + "\n" + graph);
    }

    @Test
    void theCycleFinderFindsACycle() {
        assertEquals(List.of("a", "b", "c", "a"), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))));
        assertEquals(List.of(), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())));
    }

    @Test
    void noPackageLivesInTwoModules() throws IOException {
        Map<String, Set<String>> modules = packagesByModule(projectRoot());
        assertTrue(modules.getOrDefault("toyisa.jit", Set.of()).equals(Set.of("jit")), "the jit's package is its own: " + modules.get("toyisa.jit"));
        Map<String, Set<String>> split = new TreeMap<>();
        modules.forEach((pkg, in) -> { if (in.size() > 1) split.put(pkg, in); });
        assertTrue(split.isEmpty(), "split packages (one package in several jars): " + split);
    }

    @Test
    void aSplitPackageWouldBeSeen() throws IOException {
        Path root = Files.createTempDirectory("split");
        try {
            for (String module : List.of("one", "two")) {
                Path dir = Files.createDirectories(root.resolve(module + "/src/main/java/toyisa/same"));
                Files.writeString(dir.resolve("A" + module + ".java"), "package toyisa.same;\n");
            }
            assertEquals(Set.of("one", "two"), packagesByModule(root).get("toyisa.same"));
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Package -> the packages of the project it uses, by jdeps. */
    static Map<String, Set<String>> packageGraph(Path... classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-e", "toyisa\\..*"));
        for (Path p : classes) args.add(p.toString());
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
        assertEquals(0, rc, "jdeps: " + err);
        Map<String, Set<String>> graph = new TreeMap<>();
        Matcher m = EDGE.matcher(out.toString());
        while (m.find()) {
            if (!m.group(1).equals(m.group(2))) graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        assertFalse(graph.isEmpty(), "jdeps said: " + out);
        return graph;
    }

    /** A cycle in the graph (its first node repeated at the end), or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> path = new ArrayList<>();
            if (visit(start, graph, state, path)) return path;
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) return false;
        if (s != null) { // back on the path: the cycle is from node's first place
            path.subList(0, path.indexOf(node)).clear();
            path.add(node);
            return true;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) if (visit(next, graph, state, path)) return true;
        path.remove(path.size() - 1);
        state.put(node, 2);
        return false;
    }

    /** Package -> the modules whose main sources hold it. */
    static Map<String, Set<String>> packagesByModule(Path root) throws IOException {
        Map<String, Set<String>> found = new TreeMap<>();
        List<Path> sourceRoots;
        try (Stream<Path> s = Files.walk(root, 4)) {
            sourceRoots = s.filter(p -> p.endsWith(Path.of("src", "main", "java")) && !p.toString().contains("node_modules")).toList();
        }
        for (Path src : sourceRoots) {
            String module = root.relativize(src.getParent().getParent().getParent()).toString().replace('\\', '/');
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("module-info.java"))
                        .forEach(p -> found.computeIfAbsent(src.relativize(p.getParent()).toString().replace('/', '.').replace('\\', '.'),
                                k -> new TreeSet<>()).add(module));
            }
        }
        return found;
    }

    private static Path where(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The project's root: the directory above this module. */
    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        assertTrue(Files.exists(here.resolveSibling("vm").resolve("pom.xml")), "run from the jit module, beside vm: " + here);
        return here.getParent();
    }
}
