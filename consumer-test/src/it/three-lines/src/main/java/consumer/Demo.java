package consumer;

import io.github.asr4j.Transcriber;
import java.nio.file.Path;

/** What a user writes: three lines from a model folder (or a Hugging Face id) and a WAV file to text. */
public final class Demo {
    public static void main(String[] args) {
        try (Transcriber transcriber = Transcriber.of(args[0])) {
            System.out.println(transcriber.transcribe(Path.of(args[1])).text());
        }
    }
}
