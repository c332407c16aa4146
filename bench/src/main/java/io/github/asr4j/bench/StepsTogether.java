package io.github.asr4j.bench;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.model.WhisperModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoder steps taken together, against a greedy step of the same model, alternated round by round
 * in one JVM: {@value #BEAMS} beams of one window in one step (beam search), and {@value #FILES}
 * sessions of windows of their own in one step ({@code transcribeAll}'s rounds), per file.
 *
 * @param greedyMs one single-token step, ms (median)
 * @param beamsMs one step of the {@value #BEAMS} beams together, ms (median)
 * @param batchMs one step of the {@value #FILES} files together, ms (median)
 */
public record StepsTogether(double greedyMs, double beamsMs, double batchMs) {
    static final int BEAMS = 5;
    static final int FILES = 16;

    /** Measures {@code modelDir}: warm-up rounds, then {@code settings.runs()} rounds of {@code settings.decoderSteps()} steps per case. */
    public static StepsTogether measure(Path modelDir, BenchSettings settings, WeightFormat format) {
        // The KV cache a Transcriber keeps for these weights (null: WhisperModel.kvCacheFor).
        try (Backend backend = Backends.cpu(settings.threads(), format);
             WhisperModel model = WhisperModel.load(modelDir, backend, null)) {
            float[] audio = model.encode(DecoderStepFigures.constantMel(model));
            DecoderStepFigures.Sessions sessions = DecoderStepFigures.Sessions.of(model, audio, BEAMS, FILES);
            int runs = Math.max(1, settings.runs());
            double[][] ms = new double[3][runs];
            double[][] cpu = new double[3][runs];
            double[][] alloc = new double[3][runs];
            for (int r = -Math.max(1, settings.warmups()); r < runs; r++) {
                sessions.timeRound(settings.decoderSteps(), Math.max(r, 0), ms, cpu, alloc);
            }
            return new StepsTogether(Samples.median(ms[0]), Samples.median(ms[1]), Samples.median(ms[2]));
        }
    }

    /** The JSON fields. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("greedy_ms_per_step", greedyMs);
        m.put("beam5_ms_per_step", beamsMs);
        m.put("beam5_over_greedy", beamsMs / greedyMs);
        m.put("batch16_ms_per_file", batchMs / FILES);
        m.put("batch16_per_file_over_greedy", batchMs / FILES / greedyMs);
        return m;
    }

    /** Reads what {@link #toJson()} wrote. */
    public static StepsTogether fromJson(Map<String, Object> m) {
        return new StepsTogether(AsrFigures.num(m, "greedy_ms_per_step"), AsrFigures.num(m, "beam5_ms_per_step"),
                AsrFigures.num(m, "batch16_ms_per_file") * FILES);
    }
}
