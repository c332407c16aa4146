package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --whisper_cpp_build DIR[,DIR...]}: the list, the labels, the order of the builds round by round. */
class WhisperCppBuildsTest {
    @TempDir
    Path dir;

    @Test
    void takesOneBuildOrSeveralSeparatedByCommas() {
        assertThat(parse("--whisper_cpp_build", "/w/build").whisperCppBuild).containsExactly(Path.of("/w/build"));
        assertThat(parse("--whisper-cpp-build", "/w/build,/w/build-avx512").whisperCppBuild)
                .containsExactly(Path.of("/w/build"), Path.of("/w/build-avx512"));
        assertThat(parse("--whisper_cpp_build", "/w/build", "--whisper_cpp_build", "/w/build-avx512").whisperCppBuild)
                .containsExactly(Path.of("/w/build"), Path.of("/w/build-avx512"));
        assertThat(parse().whisperCppBuild).isNull();
    }

    @Test
    void labelsEachBuildByItsFolderAndTellsEqualNamesApart() {
        assertThat(WhisperCppBuilds.labels(List.of(Path.of("/w/whisper.cpp/build"), Path.of("/w/whisper.cpp/build-avx512/"))))
                .containsExactly("build", "build-avx512");
        assertThat(WhisperCppBuilds.labels(List.of(Path.of("/x/a/build"), Path.of("/x/b/build"), Path.of("/x/c/other"))))
                .containsExactly("a/build", "b/build", "other");
        assertThat(WhisperCppBuilds.labels(List.of(Path.of("/p/a/build"), Path.of("/q/a/build"))))
                .containsExactly("p/a/build", "q/a/build");
        assertThat(WhisperCppBuilds.labels(List.of(Path.of("/w/build"), Path.of("/w/./build"), Path.of("/v/build"))))
                .containsExactly("w/build", "w/build-2", "v/build");
        assertThat(WhisperCppBuilds.labels(List.of(Path.of("/w/build"), Path.of("/w/build"))))
                .containsExactly("build", "build-2");
    }

    @Test
    void rotatesTheBuildsSoThatEachRunsRightAfterAsr4jInTurn() {
        List<String> builds = List.of("a", "b", "c");
        assertThat(WhisperCppBuilds.rotated(builds, 0)).containsExactly("a", "b", "c");
        assertThat(WhisperCppBuilds.rotated(builds, 1)).containsExactly("b", "c", "a");
        assertThat(WhisperCppBuilds.rotated(builds, 2)).containsExactly("c", "a", "b");
        assertThat(WhisperCppBuilds.rotated(builds, 3)).containsExactly("a", "b", "c");
        Set<String> first = new HashSet<>();
        List<String> second = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            first.add(WhisperCppBuilds.rotated(builds, round).getFirst());
            second.add(WhisperCppBuilds.rotated(builds, round).get(1));
        }
        assertThat(first).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(second).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(WhisperCppBuilds.rotated(List.of("only"), 5)).containsExactly("only");
        assertThat(WhisperCppBuilds.rotated(List.of(), 1)).isEmpty();
    }

    @Test
    void validatesEveryBuildAndLabelsItInTheOrderGiven() throws IOException {
        Path a = fakeBuild("build");
        Path b = fakeBuild("build-avx512");
        List<WhisperCppBuilds.Labelled> builds = WhisperCppBuilds.at(List.of(b, a));
        assertThat(builds).extracting(WhisperCppBuilds.Labelled::label).containsExactly("build-avx512", "build");
        assertThat(builds.getFirst().build().bench()).isEqualTo(b.resolve("bin/whisper-bench"));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> WhisperCppBuilds.at(List.of(a, empty)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--whisper_cpp_build " + empty).hasMessageContaining("no executable whisper-bench");
    }

    private Path fakeBuild(String name) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
        Path bench = Files.writeString(bin.resolve("whisper-bench"), "#!/bin/sh\n");
        assertThat(bench.toFile().setExecutable(true)).isTrue();
        return dir.resolve(name);
    }

    private static BenchCommand parse(String... args) {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        CommandLine.ParseResult r = new CommandLine(new BenchMain()).parseArgs(all.toArray(String[]::new));
        return (BenchCommand) r.subcommand().commandSpec().userObject();
    }
}
