package io.github.asr4j.cli;

import io.github.asr4j.FileProblems;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.audio.AudioStream;
import io.github.asr4j.audio.FfmpegAudio;
import io.github.asr4j.UnsupportedAudioFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What the command line checks before it spends seconds loading a model. */
final class AudioCheck {
    private AudioCheck() {}

    /**
     * The files whose audio header reads cleanly; each other file's problem goes to
     * {@code problems} (a folder, a missing file, an unsupported format, a bad rate...).
     */
    static List<Path> readable(List<Path> files, Consumer<String> problems) {
        List<Path> ok = new ArrayList<>();
        for (Path file : files) {
            if (file.equals(TranscribeCommand.STDIN)) {
                ok.add(file); // raw PCM from standard input: nothing to check before it is read
                continue;
            }
            try (AudioStream header = AudioReader.open(file)) {
                ok.add(file);
            } catch (UnsupportedAudioFormatException e) {
                if (FfmpegAudio.executable().isPresent()) {
                    ok.add(file); // decoded through ffmpeg
                } else {
                    problems.accept(FfmpegAudio.withoutFfmpeg(e).getMessage());
                }
            } catch (UncheckedIOException | IllegalArgumentException e) {
                problems.accept(e.getMessage());
            }
        }
        return ok;
    }

    /** Creates the output folder (as openai's {@code os.makedirs(output_dir, exist_ok=True)}), saying why it cannot. */
    static void createOutputDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + dir + ": " + FileProblems.reason(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("cannot write into the output folder " + dir + ": permission denied");
        }
    }
}
