package io.github.asr4j.qwen;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;

/**
 * The parity check of a Qwen3-ASR checkpoint against its goldens ({@code models/<name>/goldens.safetensors},
 * described in {@code models/qwen-mini/README.md}): the encoder output (every row, or the sampled rows
 * and every row's norm), the prompt logits and 24 greedy steps (ids identical; top-5 ids identical;
 * top-5 logits, max |logit| and logsumexp within the logits tolerance), from the stored log-mels.
 */
final class QwenParity {
    static final List<String> AUDIOS = List.of("jfk", "sonnet001");
    static final List<String> PROMPTS = List.of("auto", "lang_English");

    /** The largest differences measured for one audio and prompt. */
    record Measured(String audio, String prompt, double encoder, double promptLogits, double greedy) {
        @Override
        public String toString() {
            return String.format("%-9s %-12s encoder %.2e  prompt logits %.2e  greedy (top-5, maxabs, logsumexp) %.2e",
                    audio, prompt, encoder, promptLogits, greedy);
        }
    }

    private QwenParity() {}

    /** The encoder output of the stored log-mel of {@code audio} ({@code mel/qwen3_asr_mel.safetensors}). */
    static EncodedAudio encodeStoredMel(QwenAsrModel model, String audio) {
        try (SafeTensors mels = SafeTensors.open(SharedData.require("mel/qwen3_asr_mel.safetensors"))) {
            Tensor mel = mels.tensor(audio + ".log_mel");
            return model.encode(mel.toFloatArray(), Math.toIntExact(mel.shape()[1]));
        }
    }

    /**
     * Checks {@code model} against {@code goldens} for one audio, both prompts, and returns the
     * largest differences; fails on the first value outside a tolerance.
     */
    static List<Measured> check(QwenAsrModel model, SafeTensors goldens, String audio, double encoderAtol, double logitsAtol) {
        EncodedAudio encoded = encodeStoredMel(model, audio);
        double encoderDiff = encoderDiff(goldens, audio, encoded);
        assertThat(encoderDiff).as("%s encoder_out max abs difference", audio).isLessThanOrEqualTo(encoderAtol);

        return PROMPTS.stream().map(prompt -> {
            String p = audio + "." + prompt + ".";
            int[] tokens = goldens.tensor(p + "prompt_tokens").toIntArray();
            float[] promptGolden = goldens.tensor(p + "prompt_logits").toFloatArray();
            int[] greedy = goldens.tensor(p + "greedy_tokens").toIntArray();
            try (QwenDecoderSession s = model.newSession(tokens.length + greedy.length)) {
                float[] logits = s.prefill(tokens, encoded);
                double promptDiff = maxAbsDiff(logits, promptGolden);
                assertThat(promptDiff).as("%s %s prompt logits", audio, prompt).isLessThanOrEqualTo(logitsAtol);
                double greedyDiff = 0;
                for (int k = 0; k < greedy.length; k++) {
                    assertThat(argmax(logits)).as("%s %s greedy token %d", audio, prompt, k).isEqualTo(greedy[k]);
                    logits = s.step(greedy[k]);
                    greedyDiff = Math.max(greedyDiff, checkStep(goldens, p, k, logits, logitsAtol));
                }
                return new Measured(audio, prompt, encoderDiff, promptDiff, greedyDiff);
            }
        }).toList();
    }

    /**
     * Checks the logits after feeding greedy token {@code k} of golden prefix {@code p}
     * ({@code <audio>.<prompt>.}): top-5 ids identical, top-5 logits, max |logit| and logsumexp within
     * {@code atol}; returns the largest difference.
     */
    static double checkStep(SafeTensors goldens, String p, int k, float[] logits, double atol) {
        int[] top5Ids = goldens.tensor(p + "greedy_top5_ids").toIntArray();
        float[] top5Logits = goldens.tensor(p + "greedy_top5_logits").toFloatArray();
        float[] maxAbs = goldens.tensor(p + "greedy_maxabs").toFloatArray();
        float[] logSumExp = goldens.tensor(p + "greedy_logsumexp").toFloatArray();
        int[] ids = top5(logits);
        double diff = 0;
        for (int j = 0; j < 5; j++) {
            assertThat(ids[j]).as("%sstep %d top-%d id", p, k, j + 1).isEqualTo(top5Ids[k * 5 + j]);
            diff = Math.max(diff, Math.abs(logits[ids[j]] - top5Logits[k * 5 + j]));
        }
        diff = Math.max(diff, Math.abs(maxAbs(logits) - maxAbs[k]));
        diff = Math.max(diff, Math.abs(logSumExp(logits) - logSumExp[k]));
        assertThat(diff).as("%sstep %d top-5 logits, max |logit|, logsumexp", p, k).isLessThanOrEqualTo(atol);
        return diff;
    }

    /** Against every row ({@code encoder_out}) or the sampled rows and all row norms ({@code encoder_out_sample}). */
    private static double encoderDiff(SafeTensors goldens, String audio, EncodedAudio encoded) {
        var full = goldens.find(audio + ".encoder_out");
        if (full.isPresent()) {
            assertThat(full.get().shape()).containsExactly(encoded.tokens(), encoded.width());
            return maxAbsDiff(encoded.rows(), full.get().toFloatArray());
        }
        int[] rows = goldens.tensor(audio + ".encoder_out_rows").toIntArray();
        float[] sample = goldens.tensor(audio + ".encoder_out_sample").toFloatArray();
        float[] norms = goldens.tensor(audio + ".encoder_out_rownorm").toFloatArray();
        assertThat(norms).as("%s audio tokens", audio).hasSize(encoded.tokens());
        int w = encoded.width();
        double worst = 0;
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < w; j++) {
                worst = Math.max(worst, Math.abs(encoded.rows()[rows[r] * w + j] - sample[r * w + j]));
            }
        }
        for (int t = 0; t < encoded.tokens(); t++) {
            double sq = 0;
            for (int j = 0; j < w; j++) {
                double v = encoded.rows()[t * w + j];
                sq += v * v;
            }
            worst = Math.max(worst, Math.abs(Math.sqrt(sq) - norms[t]));
        }
        return worst;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    /** The largest entry, ties to the lowest id (the goldens' rule). */
    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    static int[] top5(float[] x) {
        int[] ids = new int[5];
        boolean[] taken = new boolean[x.length];
        for (int j = 0; j < 5; j++) {
            int best = -1;
            for (int i = 0; i < x.length; i++) {
                if (!taken[i] && (best < 0 || x[i] > x[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            ids[j] = best;
        }
        return ids;
    }

    static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double logSumExp(float[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    static Path folder(String checkpoint) {
        return SharedData.require("models/" + checkpoint);
    }
}
