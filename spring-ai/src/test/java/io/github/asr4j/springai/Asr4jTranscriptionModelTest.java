package io.github.asr4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** The Spring AI adapter gives the transcriber's own text, for file and byte resources, with options mapped. */
class Asr4jTranscriptionModelTest {
    private static final TranscribeOptions QUICK = TranscribeOptions.builder().temperature(0).maxTokensPerWindow(8).build();

    @Test
    void transcribesResourcesAsTheTranscriberDoes() throws Exception {
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        try (Transcriber transcriber = Transcriber.builder(SharedData.require("models/mini")).threads(2).build()) {
            TranscriptionModel model = new Asr4jTranscriptionModel(transcriber, QUICK);
            String expected = transcriber.transcribe(jfk, QUICK).text().strip();
            assertThat(model.transcribe(new FileSystemResource(jfk))).isEqualTo(expected).isNotBlank();
            assertThat(model.transcribe(new ByteArrayResource(Files.readAllBytes(jfk)))).isEqualTo(expected);

            Asr4jTranscriptionOptions options = new Asr4jTranscriptionOptions(null, "de", "Hallo", null,
                    Task.TRANSLATE, null);
            TranscribeOptions mapped = QUICK.toBuilder().language("de").initialPrompt("Hallo").task(Task.TRANSLATE).build();
            assertThat(options.applyTo(QUICK)).isEqualTo(mapped);
            assertThat(model.call(new AudioTranscriptionPrompt(new FileSystemResource(jfk), options)).getResult()
                    .getOutput()).isEqualTo(transcriber.transcribe(jfk, mapped).text().strip());

            assertThatThrownBy(() -> model.transcribe(new ByteArrayResource(new byte[] {1, 2, 3})))
                    .isInstanceOf(AudioFormatException.class);
        }
    }
}
