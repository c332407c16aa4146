package io.github.asr4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import io.github.asr4j.AudioFormatException;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.testkit.SharedData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LangChain4j adapter gives the transcriber's own text for bytes, base64 and file URLs, with options mapped. */
class Asr4jAudioTranscriptionModelTest {
    private static final TranscribeOptions QUICK = TranscribeOptions.builder().temperature(0).maxTokensPerWindow(8).build();

    @Test
    void transcribesAudioAsTheTranscriberDoes() throws Exception {
        Path jfk = SharedData.require("audio/jfk/jfk.wav");
        byte[] bytes = Files.readAllBytes(jfk);
        try (Transcriber transcriber = Transcriber.builder(SharedData.require("models/mini")).threads(2).build()) {
            Asr4jAudioTranscriptionModel asr = new Asr4jAudioTranscriptionModel(transcriber, QUICK);
            AudioTranscriptionModel model = asr;
            String expected = transcriber.transcribe(jfk, QUICK).text().strip();
            assertThat(model.transcribeToText(Audio.builder().binaryData(bytes).build())).isEqualTo(expected).isNotBlank();
            assertThat(model.transcribeToText(Audio.builder().base64Data(Base64.getEncoder().encodeToString(bytes))
                    .build())).isEqualTo(expected);
            assertThat(model.transcribeToText(Audio.builder().url(jfk.toUri()).build())).isEqualTo(expected);

            AudioTranscriptionRequest request = AudioTranscriptionRequest.builder(Audio.builder().binaryData(bytes).build())
                    .language("de").prompt("Hallo").temperature(0.4).build();
            TranscribeOptions mapped = QUICK.toBuilder().language("de").initialPrompt("Hallo").temperatures(List.of(0.4))
                    .build();
            assertThat(asr.options(request)).isEqualTo(mapped);
            assertThat(model.transcribe(request).text()).isEqualTo(transcriber.transcribe(jfk, mapped).text().strip());

            assertThatThrownBy(() -> model.transcribeToText(Audio.builder().binaryData(new byte[] {1, 2, 3}).build()))
                    .isInstanceOf(AudioFormatException.class);
            assertThatThrownBy(() -> model.transcribeToText(Audio.builder().url(URI.create("https://example.com/a.wav"))
                    .build())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only file:");
        }
    }
}
