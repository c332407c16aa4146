package io.github.asr4j.cli;

import static io.github.asr4j.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line as a new user meets it: usage, flag spelling, messages that say what is wrong. */
class CliPolishTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentsPrintsUsageOnStderrAndExitsTwo() {
        CliTest.Run r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: asr4j").contains("transcribe");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void everyOptionIsDescribedAndSpelledWithUnderscores() {
        List<String> problems = new ArrayList<>();
        check(new CommandLine(new Main()), problems);
        assertThat(problems).isEmpty();
    }

    private static void check(CommandLine cmd, List<String> problems) {
        CommandSpec spec = cmd.getCommandSpec();
        if (spec.usageMessage().hidden()) {
            return; // internal child commands of bench
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String where = spec.qualifiedName() + " " + o.longestName();
            if (String.join("", o.description()).isBlank()) {
                problems.add(where + ": no description");
            }
            if (o.longestName().substring(2).contains("-") && !o.longestName().startsWith("--no-")
                    && List.of(o.names()).stream().noneMatch(n -> n.startsWith("--") && !n.substring(2).contains("-"))) {
                problems.add(where + ": no underscore spelling");
            }
        }
        cmd.getSubcommands().values().forEach(sub -> check(sub, problems));
    }

    @Test
    void wrongWordsAndNumbersNameTheFlagAndTheAcceptedValues() {
        String mini = SharedData.require("models/mini").toString();
        String jfk = SharedData.require("audio/jfk/jfk.wav").toString();
        CliTest.Run task = run("transcribe", "--model", mini, "--task", "summarize", jfk);
        assertThat(task.exitCode()).isEqualTo(2);
        assertThat(task.err()).contains("--task").contains("'summarize' is not one of transcribe, translate")
                .doesNotContain("No enum constant");
        CliTest.Run weights = run("transcribe", "--model", mini, "--weights", "int4", jfk);
        assertThat(weights.err()).contains("--weights").contains("'int4' is not one of stored, int8");
        CliTest.Run kv = run("transcribe", "--model", mini, "--kv_cache", "f64", jfk);
        assertThat(kv.exitCode()).isEqualTo(2);
        assertThat(kv.err()).contains("--kv_cache").contains("'f64' is not one of f32, f16, q8");
        CliTest.Run threads = run("transcribe", "--model", mini, "--threads", "abc", jfk);
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads").contains("abc");
        CliTest.Run tokens = run("transcribe", "--model", mini, "--suppress_tokens", "-1,abc", jfk);
        assertThat(tokens.exitCode()).isEqualTo(2);
        assertThat(tokens.err()).contains("--suppress_tokens").contains("'abc' is not an integer")
                .doesNotContain("For input string");
        CliTest.Run many = run("transcribe", "--model", mini, "--threads", "100000", jfk);
        assertThat(many.exitCode()).isEqualTo(1);
        assertThat(many.err()).contains("threads must be between 0 (one per core) and");
    }

    @Test
    void audioProblemsAreReportedBeforeTheModelLoads() {
        String mini = SharedData.require("models/mini").toString();
        long start = System.nanoTime();
        CliTest.Run r = run("transcribe", "--model", mini, tmp.toString(), tmp.resolve("missing.wav").toString(),
                SharedData.require("hostile/flac_hang_min.flac").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(tmp + ": is a folder, not an audio file")
                .contains("missing.wav: no such file or folder")
                .contains("flac_hang_min.flac").doesNotContain("INFO").doesNotContain("Exception");
        assertThat(r.err().lines()).hasSize(3);
        assertThat(seconds).as("no model was loaded").isLessThan(30);
    }

    @Test
    void anUnwritableOutputFolderIsExplained() throws Exception {
        Path file = tmp.resolve("a-file");
        java.nio.file.Files.writeString(file, "x");
        CliTest.Run r = run("transcribe", "--model", SharedData.require("models/mini").toString(), "-f", "txt",
                "-o", file.resolve("sub").toString(), SharedData.require("audio/jfk/jfk.wav").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot create the output folder").contains("a-file");
    }
}
