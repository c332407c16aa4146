package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.io.File;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library as named modules: the command line run with everything on the module path
 * ({@code -m io.github.asr4j.cli/...}, only exported packages reachable) prints what it prints on
 * the class path, byte for byte. The tests themselves run on the class path.
 */
class ModulePathTest {

    @Test
    void transcribesOnTheModulePathAsOnTheClassPath() throws Exception {
        String model = SharedData.require("models/mini").toString();
        String wav = SharedData.require("audio/jfk/jfk.wav").toString();
        String[] args = {"transcribe", "--model", model, wav, "--threads", "1", "--beam_size", "2", "--verbose", "True"};

        CliTest.Run onClassPath = CliTest.run(args);
        assertThat(onClassPath.exitCode()).isZero();

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "--module-path", modulePath(),
                "-m", "io.github.asr4j.cli/io.github.asr4j.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code on the module path").isZero();
        assertThat(out).isNotBlank().isEqualTo(onClassPath.out());
    }

    /** The test class path's modules: entries with a module descriptor, or jars (automatic modules), not the tests. */
    private static String modulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> !p.endsWith("test-classes"))
                .filter(p -> Files.isRegularFile(p) || Files.exists(p.resolve("module-info.class")))
                .filter(p -> isModule(p))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isModule(Path entry) {
        try {
            return !ModuleFinder.of(entry).findAll().isEmpty();
        } catch (RuntimeException notAModule) { // a jar whose automatic name cannot be derived
            return false;
        }
    }
}
