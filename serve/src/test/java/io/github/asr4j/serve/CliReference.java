package io.github.asr4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the {@code asr4j transcribe} command line writes for a file in every output format. */
record CliReference(Path outputDir, String stem) {

    /** Runs the command line with {@code --output_format all} into {@code outputDir}. */
    static CliReference of(Path model, Path audio, Path outputDir, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("transcribe", "--model", model.toString(), "--progress", "false",
                "--threads", "2", "--output_format", "all", "--output_dir", outputDir.toString()));
        args.addAll(flags);
        run(args, audio);
        String name = audio.getFileName().toString();
        return new CliReference(outputDir, name.substring(0, name.lastIndexOf('.')));
    }

    /** The line the command line prints without {@code --output_format}: the text, stripped. */
    String printed() throws IOException {
        return new io.vertx.core.json.JsonObject(file("json")).getString("text").strip() + "\n";
    }

    String file(String extension) throws IOException {
        return Files.readString(outputDir.resolve(stem + "." + extension), StandardCharsets.UTF_8);
    }

    private static void run(List<String> args, Path audio) {
        List<String> all = new ArrayList<>(args);
        all.add(audio.toString());
        assertThat(Main.run(all.toArray(String[]::new))).as("asr4j %s", all).isZero();
    }
}
