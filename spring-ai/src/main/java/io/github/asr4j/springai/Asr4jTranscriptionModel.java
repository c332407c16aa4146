package io.github.asr4j.springai;

import io.github.asr4j.Transcriber;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.ai.audio.transcription.AudioTranscription;
import org.springframework.ai.audio.transcription.AudioTranscriptionOptions;
import org.springframework.ai.audio.transcription.AudioTranscriptionPrompt;
import org.springframework.ai.audio.transcription.AudioTranscriptionResponse;
import org.springframework.ai.audio.transcription.TranscriptionModel;
import org.springframework.core.io.Resource;

/**
 * asr4j as Spring AI's {@link TranscriptionModel}: WAV or FLAC in, the transcript's text out.
 *
 * <pre>{@code
 * TranscriptionModel model = new Asr4jTranscriptionModel(Transcriber.of(Path.of("whisper-small")));
 * String text = model.transcribe(new FileSystemResource("speech.wav"));
 * }</pre>
 *
 * <p>Per-call options come as {@link Asr4jTranscriptionOptions}; other {@link AudioTranscriptionOptions}
 * (for instance another provider's) keep the defaults. The transcriber is shared, not closed here.
 */
public final class Asr4jTranscriptionModel implements TranscriptionModel {
    private final Transcriber transcriber;
    private final TranscribeOptions defaults;

    /** Transcribes with the transcriber's own default options. */
    public Asr4jTranscriptionModel(Transcriber transcriber) {
        this(transcriber, transcriber.defaultOptions());
    }

    public Asr4jTranscriptionModel(Transcriber transcriber, TranscribeOptions defaults) {
        this.transcriber = transcriber;
        this.defaults = defaults;
    }

    @Override
    public AudioTranscriptionResponse call(AudioTranscriptionPrompt prompt) {
        TranscribeOptions options = prompt.getOptions() instanceof Asr4jTranscriptionOptions own
                ? own.applyTo(defaults) : defaults;
        Transcript transcript = transcribe(prompt.getInstructions(), options);
        return new AudioTranscriptionResponse(new AudioTranscription(transcript.text().strip()));
    }

    /** A file resource is read in place; any other (bytes, classpath, URL) through a temporary copy. */
    private Transcript transcribe(Resource audio, TranscribeOptions options) {
        try {
            if (audio.isFile()) {
                return transcriber.transcribe(audio.getFile().toPath(), options);
            }
            Path copy = Files.createTempFile("asr4j-spring-ai", ".audio");
            try (InputStream in = audio.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return transcriber.transcribe(copy, options);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio resource " + audio.getDescription(), e);
        }
    }
}
