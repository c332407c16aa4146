package io.github.asr4j.langchain4j;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.langchain4j.model.audio.AudioTranscriptionResponse;
import io.github.asr4j.Transcriber;
import io.github.asr4j.TranscribeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * asr4j as LangChain4j's {@link AudioTranscriptionModel}: WAV or FLAC in, the transcript's text out.
 *
 * <pre>{@code
 * AudioTranscriptionModel model = new Asr4jAudioTranscriptionModel(Transcriber.of(Path.of("whisper-small")));
 * String text = model.transcribeToText(Audio.builder().binaryData(Files.readAllBytes(wav)).build());
 * }</pre>
 *
 * <p>The request's language, prompt (openai-whisper's {@code initial_prompt}) and temperature (a
 * single sampling temperature; 0 or none keeps openai's fallback schedule) override the defaults.
 * Audio comes as bytes, base64 or a {@code file:} URL. The transcriber is shared, not closed here.
 */
public final class Asr4jAudioTranscriptionModel implements AudioTranscriptionModel {
    private final Transcriber transcriber;
    private final TranscribeOptions defaults;

    public Asr4jAudioTranscriptionModel(Transcriber transcriber) {
        this(transcriber, transcriber.defaultOptions());
    }

    public Asr4jAudioTranscriptionModel(Transcriber transcriber, TranscribeOptions defaults) {
        this.transcriber = transcriber;
        this.defaults = defaults;
    }

    @Override
    public AudioTranscriptionResponse transcribe(AudioTranscriptionRequest request) {
        TranscribeOptions options = options(request);
        Audio audio = request.audio();
        if (audio == null) {
            throw new IllegalArgumentException("the transcription request has no audio");
        }
        if (audio.url() != null) {
            URI url = audio.url();
            if (!"file".equals(url.getScheme())) {
                throw new IllegalArgumentException("only file: audio URLs are read, got " + url
                        + "; pass the bytes instead");
            }
            return AudioTranscriptionResponse.from(transcriber.transcribe(Path.of(url), options).text().strip());
        }
        byte[] bytes = audio.binaryData() != null ? audio.binaryData()
                : audio.base64Data() != null ? Base64.getDecoder().decode(audio.base64Data()) : null;
        if (bytes == null) {
            throw new IllegalArgumentException("the audio has neither bytes, base64 data nor a URL");
        }
        return AudioTranscriptionResponse.from(transcribeBytes(bytes, options));
    }

    TranscribeOptions options(AudioTranscriptionRequest request) {
        TranscribeOptions.Builder b = defaults.toBuilder();
        if (request.language() != null) b.language(request.language());
        if (request.prompt() != null) b.initialPrompt(request.prompt());
        if (request.temperature() != null && request.temperature() > 0) b.temperature(request.temperature());
        return b.build();
    }

    private String transcribeBytes(byte[] bytes, TranscribeOptions options) {
        try {
            Path copy = Files.createTempFile("asr4j-langchain4j", ".audio");
            try {
                Files.write(copy, bytes);
                return transcriber.transcribe(copy, options).text().strip();
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the audio bytes in a temporary file", e);
        }
    }
}
