package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.ModelLoadException;
import io.github.asr4j.Segment;
import io.github.asr4j.Task;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import io.github.asr4j.Transcript;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Transcriber.of(qwenDir)} end to end with qwen-mini (random weights: its text is random
 * tokens, so the test holds the pipeline against the goldens and against the network driven
 * directly, never against a stored text).
 */
class QwenTranscriberTest {
    static final TranscribeOptions WHOLE = TranscribeOptions.builder().withoutTimestamps(true).build();
    static final int DIRECT_STEPS = 24;

    @TempDir
    static Path folder;
    static Path jfk;
    static float[] jfkSamples;
    static Transcriber transcriber;
    static QwenAsrModel model;
    static Backend backend;
    static QwenTokens tokens;

    @BeforeAll
    static void load() {
        jfk = SharedData.require("audio/jfk/jfk.wav");
        jfkSamples = AudioReader.read(jfk).samples();
        QwenTestData.miniFolder(folder);
        transcriber = Transcriber.builder(folder).threads(2).build();
        backend = Backends.cpu(1, io.github.asr4j.kernels.WeightFormat.STORED);
        model = QwenAsrModel.load(folder, backend);
        tokens = QwenTestData.tokens();
    }

    @AfterAll
    static void close() {
        if (transcriber != null) transcriber.close();
        if (model != null) model.close();
        if (backend != null) backend.close();
    }

    /** The network driven by hand: the given prompt, then argmax for {@value #DIRECT_STEPS} steps, no stop rule. */
    static int[] directGreedy(float[] samples, int[] prompt) {
        int frames = samples.length / 160;
        EncodedAudio audio = model.encode(model.logMel(samples), frames);
        try (QwenDecoderSession session = model.newSession(prompt.length + DIRECT_STEPS)) {
            float[] logits = session.prefill(prompt, audio);
            int[] out = new int[DIRECT_STEPS];
            for (int k = 0; k < DIRECT_STEPS; k++) {
                out[k] = io.github.asr4j.decode.Logits.argmax(logits);
                logits = session.step(out[k]);
            }
            return out;
        }
    }

    /** A prompt whose audio part is resized to the clip's encoder rows. */
    static int[] withAudioTokens(int[] golden, int audioTokens) {
        List<Integer> ids = new ArrayList<>();
        boolean padded = false;
        for (int id : golden) {
            if (id != tokens.audioPad()) {
                ids.add(id);
            } else if (!padded) {
                padded = true;
                for (int i = 0; i < audioTokens; i++) ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] tokensOf(Transcript t) {
        return t.segments().stream().flatMap(s -> s.tokens().stream()).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void wholeClipAsTheOfficialPipelineGivesTheGoldenTokensTrimmedByTheLoopGuard() {
        int[] golden = QwenTestData.goldenInts("jfk.auto.greedy_tokens");
        int[] direct = directGreedy(jfkSamples, QwenTestData.goldenInts("jfk.auto.prompt_tokens"));
        assertThat(direct).containsExactly(golden); // the network on the wav's own log-mel, as in the goldens
        assertThat(Arrays.stream(direct).distinct().count()).as("random weights repeat one token").isOne();

        Transcript t = transcriber.transcribe(jfk, WHOLE);
        assertThat(t.segments()).hasSize(1);
        Segment s = t.segments().getFirst();
        assertThat(s.tokens()).containsExactly(direct[0]); // 20 copies of one token: a loop, one copy kept
        assertThat(s.start()).isZero();
        assertThat(s.end()).isEqualTo(11.0);
        assertThat(t.text()).isEqualTo(tokens.text(new int[] {direct[0]}).strip());
        assertThat(t.language()).as("no <asr_text>: the model named no language").isNull();
    }

    @Test
    void forcedLanguageIsPromptedAsInTheGoldensAndReported() {
        int[] direct = directGreedy(jfkSamples, QwenTestData.goldenInts("jfk.lang_English.prompt_tokens"));
        assertThat(direct).containsExactly(QwenTestData.goldenInts("jfk.lang_English.greedy_tokens"));
        Transcript t = transcriber.transcribe(jfk, WHOLE.toBuilder().language("English").build());
        assertThat(tokensOf(t)).containsExactly(direct[0]);
        assertThat(t.language()).isEqualTo("en");
        assertThat(t.text()).isEqualTo(tokens.text(new int[] {direct[0]}).strip());
    }

    @Test
    void contextGoesIntoThePrompt() {
        String context = "Kennedy, Berlin";
        Transcript t = transcriber.transcribe(jfk, WHOLE.toBuilder().initialPrompt(context).build());
        int rows = model.audioTokens(jfkSamples.length / 160);
        int[] prompt = QwenPrompt.ids(tokens, context, null, rows);
        assertThat(prompt.length).isGreaterThan(QwenTestData.goldenInts("jfk.auto.prompt_tokens").length);
        int[] direct = directGreedy(jfkSamples, prompt);
        int loop = LoopGuard.trimmedLength(direct, direct.length);
        int[] expected = loop >= 0 ? Arrays.copyOf(direct, loop) : null;
        assertThat(expected).as("random weights loop within 24 steps").isNotNull();
        assertThat(tokensOf(t)).containsExactly(expected);
    }

    @Test
    void defaultOutputIsOneSegmentPerStretchOfSpeechTimedWhereItWasFound() {
        Transcript t = transcriber.transcribe(jfk, TranscribeOptions.defaults());
        assertThat(t.segments()).isNotEmpty();
        double previousEnd = 0;
        StringBuilder joined = new StringBuilder();
        for (Segment s : t.segments()) {
            assertThat(s.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(s.end()).isGreaterThan(s.start()).isLessThanOrEqualTo(11.0);
            assertThat(s.end() - s.start()).isLessThanOrEqualTo(QwenTranscription.MAX_SPEECH_PIECE_SECONDS);
            previousEnd = s.end();
            // each piece equals the network run on that piece alone
            float[] piece = Arrays.copyOfRange(jfkSamples, (int) Math.round(s.start() * 16000),
                    (int) Math.round(s.end() * 16000));
            int[] direct = directGreedy(piece, QwenPrompt.ids(tokens, null, null, model.audioTokens(piece.length / 160)));
            int loop = LoopGuard.trimmedLength(direct, direct.length);
            assertThat(s.tokens()).containsExactlyElementsOf(Arrays.stream(Arrays.copyOf(direct, loop)).boxed().toList());
            if (!s.text().isEmpty()) joined.append(joined.isEmpty() ? "" : " ").append(s.text());
        }
        assertThat(t.text()).isEqualTo(joined.toString());
    }

    @Test
    void eightThreadsGiveWhatOneByOneGives() throws Exception {
        float[] first = Arrays.copyOf(jfkSamples, 4 * 16000);
        float[] second = Arrays.copyOfRange(jfkSamples, 4 * 16000, 9 * 16000);
        List<float[]> inputs = List.of(first, second);
        List<Transcript> alone = List.of(transcriber.transcribe(first, WHOLE), transcriber.transcribe(second, WHOLE));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Transcript>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                float[] input = inputs.get(i % 2);
                futures.add(pool.submit(() -> transcriber.transcribe(input, WHOLE)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(futures.get(i).get()).isEqualTo(alone.get(i % 2));
            }
        } finally {
            pool.shutdownNow();
        }
        // transcribeAll: the files' steps share batched passes (QwenDecoderSession.stepAll); a bad file fails alone
        Path sonnet = SharedData.require("audio/long/sonnet001.wav");
        Path notAudio = SharedData.require("audio/edge/not_audio.wav");
        List<FileTranscript> all = transcriber.transcribeAll(List.of(jfk, notAudio, sonnet, jfk), WHOLE);
        assertThat(all).extracting(FileTranscript::succeeded).containsExactly(true, false, true, true);
        Transcript jfkAlone = transcriber.transcribe(jfk, WHOLE);
        Transcript sonnetAlone = transcriber.transcribe(sonnet, WHOLE);
        assertThat(tokensOf(all.get(0).transcript())).containsExactly(tokensOf(jfkAlone));
        assertThat(tokensOf(all.get(3).transcript())).containsExactly(tokensOf(jfkAlone));
        assertThat(tokensOf(all.get(2).transcript())).containsExactly(tokensOf(sonnetAlone))
                .containsExactly(QwenTestData.goldenInts("sonnet001.auto.greedy_tokens")[0]);
        assertThat(all.get(2).transcript().text()).isEqualTo(sonnetAlone.text());
    }

    @Test
    void optionsThatDoNotApplyAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> transcriber.transcribe(jfkSamples, TranscribeOptions.builder().beamSize(5)
                .task(Task.TRANSLATE).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beamSize").hasMessageContaining("task translate");
        assertThatThrownBy(() -> transcriber.transcribe(jfkSamples, TranscribeOptions.builder().language("sw").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sw'").hasMessageContaining("English");
        assertThatThrownBy(() -> transcriber.transcribe(new float[] {0f, Float.NaN}, WHOLE))
                .isInstanceOf(io.github.asr4j.AudioFormatException.class).hasMessageContaining("sample 1");
    }

    @Test
    void anUnknownModelTypeIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"X\"], \"model_type\": \"wav2vec2\"}");
        assertThatThrownBy(() -> Transcriber.of(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'wav2vec2'").hasMessageContaining("qwen3_asr");
    }
}
