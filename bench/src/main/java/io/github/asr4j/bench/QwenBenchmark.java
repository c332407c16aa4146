package io.github.asr4j.bench;

import io.github.asr4j.audio.AudioConstants;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.qwen.EncodedAudio;
import io.github.asr4j.qwen.QwenAsrModel;
import io.github.asr4j.qwen.QwenDecoderSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times asr4j's Qwen3-ASR network in this process the way the C port's {@code transcribe} runs: log-mel,
 * encoder, prefill of the official automatic-language prompt, then a fixed number of greedy steps
 * (random weights never end a transcript on their own). The first transcription of the process is
 * the one comparable with one run of the C port (cold: the JIT compiles as it goes); the later ones
 * show the steady state.
 */
public final class QwenBenchmark {
    // The official chat prompt without context or language, as the Qwen3-ASR processor builds it:
    // <|im_start|>system\n<|im_end|>\n<|im_start|>user\n<|audio_start|> … <|audio_end|><|im_end|>\n<|im_start|>assistant\n
    private static final int[] PREFIX = {151644, 8948, 198, 151645, 198, 151644, 872, 198, 151669};
    private static final int[] SUFFIX = {151670, 151645, 198, 151644, 77091, 198};

    private QwenBenchmark() {}

    /** One cold transcription and {@code warmRuns} more, each with {@code steps} greedy steps, on {@code threads}. */
    public static List<QwenFigures> run(Path modelDir, Path wav, int threads, int steps, int warmRuns) {
        float[] samples = AudioReader.read(wav).samplesAt(AudioConstants.SAMPLE_RATE);
        List<QwenFigures> runs = new ArrayList<>();
        try (Backend backend = Backends.cpu(threads); QwenAsrModel model = QwenAsrModel.load(modelDir, backend)) {
            for (int r = 0; r <= warmRuns; r++) {
                long t0 = System.nanoTime();
                float[] mel = model.logMel(samples);
                int frames = samples.length / AudioConstants.HOP_LENGTH;
                long t1 = System.nanoTime();
                EncodedAudio audio = model.encode(mel, frames);
                long t2 = System.nanoTime();
                int[] prompt = prompt(model.config().audioTokenId(), audio.tokens());
                long t3;
                long t4;
                try (QwenDecoderSession s = model.newSession(prompt.length + steps + 1)) {
                    float[] logits = s.prefill(prompt, audio);
                    t3 = System.nanoTime();
                    for (int k = 0; k < steps; k++) {
                        logits = s.stepInPlace(argmax(logits)); // as transcription steps
                    }
                    t4 = System.nanoTime();
                }
                runs.add(new QwenFigures((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, steps,
                        PeakRss.megabytes()));
            }
        }
        return runs;
    }

    static int[] prompt(int audioTokenId, int audioTokens) {
        int[] p = new int[PREFIX.length + audioTokens + SUFFIX.length];
        System.arraycopy(PREFIX, 0, p, 0, PREFIX.length);
        Arrays.fill(p, PREFIX.length, PREFIX.length + audioTokens, audioTokenId);
        System.arraycopy(SUFFIX, 0, p, PREFIX.length + audioTokens, SUFFIX.length);
        return p;
    }

    private static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
