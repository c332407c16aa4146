package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three lines of {@link Demo}, run on the class path (this test's own) and on the module path
 * (Demo compiled as a named module that requires asr4j-core, run with {@code java -m}). The
 * random-weight model gives random text, so the check is that both runs work and agree.
 */
class DemoTest {
    static Path model = Path.of(System.getProperty("model"));
    static Path audio = Path.of(System.getProperty("audio"));

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsSharedData() {
        assumeTrue(Files.isDirectory(model) && Files.isRegularFile(audio),
                "shared test data not found: " + model + ", " + audio);
    }

    @Test
    void threeLinesOnTheClassPathAndOnTheModulePathGiveTheSameText() throws Exception {
        String onClassPath = runInThisJvm();
        assertFalse(onClassPath.isEmpty(), "nothing printed on the class path");

        String onModulePath = runAsNamedModule();

        assertEquals(onClassPath, onModulePath);
    }

    private static String runInThisJvm() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Demo.main(new String[] {model.toString(), audio.toString()});
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String runAsNamedModule() throws IOException, InterruptedException {
        // asr4j and its dependencies: the jars of this test's class path, minus the test runner's own
        List<Path> jars = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .map(Path::of).filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> !p.getFileName().toString().matches("(junit|opentest4j|apiguardian|surefire).*"))
                .toList();
        ModuleDescriptor coreModule = jars.stream().filter(p -> p.getFileName().toString().startsWith("asr4j-core-"))
                .findFirst().map(p -> ModuleFinder.of(p).findAll().iterator().next()).map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError("asr4j-core is not on the class path: " + jars));
        // the module's name: asr4j-core's module-info, or the automatic name of its jar until it has one
        String core = coreModule.name();
        Path src = Files.createDirectories(tmp.resolve("src/consumer"));
        Files.writeString(tmp.resolve("src/module-info.java"), "module consumer { requires " + core + "; }\n");
        Files.copy(Path.of(System.getProperty("demoSource")), src.resolve("Demo.java"));
        Path classes = tmp.resolve("classes");
        String modulePath = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        ByteArrayOutputStream javacOut = new ByteArrayOutputStream();
        PrintStream javacStream = new PrintStream(javacOut, true, StandardCharsets.UTF_8);
        int javac = ToolProvider.findFirst("javac").orElseThrow().run(javacStream, javacStream,
                "-d", classes.toString(), "--module-path", modulePath,
                tmp.resolve("src/module-info.java").toString(), src.resolve("Demo.java").toString());
        assertEquals(0, javac, () -> "javac of the named consumer module failed:\n" + javacOut);

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--module-path", classes + File.pathSeparator + modulePath));
        if (coreModule.isAutomatic()) {
            // an automatic module declares no requires: its dependencies that are named modules
            // (Jackson, java.net.http) must be added by hand; with asr4j's own module-info they are not
            command.add("--add-modules=ALL-MODULE-PATH,java.net.http");
        }
        command.addAll(List.of("-m", "consumer/consumer.Demo", model.toString(), audio.toString()));
        Path log = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the module path run did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + readQuietly(log));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
