package io.github.asr4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The goldens of one shared test checkpoint ({@code models/<name>/goldens.safetensors} and
 * {@code goldens.json}, described in {@code models/README.md}), read onto the heap once.
 */
final class ModelGoldens {
    static final List<String> PROMPTS = List.of("notimestamps", "timestamps", "prev");

    /** One prompt's goldens; {@code greedyLogits} is null where only the top 5 are stored. */
    record Prompt(String name, int[] tokens, float[] promptLogits, int[] greedyTokens, float[] greedyMargin,
                  float[][] greedyLogits, int[][] greedyTop5Ids, float[][] greedyTop5Logits) {}

    final String checkpoint;
    final double logitsAtol;
    final double encoderAtol;
    final float[] mel;                 // [numMelBins, 3000]
    final float[] encoderOut;          // [1500, d] (mini, mini-128) or null
    final int[] encoderRows;           // the frames of encoderSample (tiny-shape, card) or null
    final float[] encoderSample;       // [rows, d]
    final List<Prompt> prompts;

    private ModelGoldens(String checkpoint, double logitsAtol, double encoderAtol, float[] mel, float[] encoderOut,
                         int[] encoderRows, float[] encoderSample, List<Prompt> prompts) {
        this.checkpoint = checkpoint;
        this.logitsAtol = logitsAtol;
        this.encoderAtol = encoderAtol;
        this.mel = mel;
        this.encoderOut = encoderOut;
        this.encoderRows = encoderRows;
        this.encoderSample = encoderSample;
        this.prompts = prompts;
    }

    static ModelGoldens read(String checkpoint) {
        Path folder = SharedData.require("models/" + checkpoint);
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(folder.resolve("goldens.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode tolerance = json.get("tolerance");
        String melTensor = json.get("mel").get("tensor").asText();
        float[] mel;
        try (SafeTensors mels = SafeTensors.open(SharedData.require("mel/mel_goldens.safetensors"))) {
            mel = mels.tensor(melTensor).toFloatArray();
        }
        try (SafeTensors g = SafeTensors.open(folder.resolve("goldens.safetensors"))) {
            boolean fullRows = g.find("encoder_out").isPresent();
            List<Prompt> prompts = PROMPTS.stream().map(p -> fullRows
                    ? new Prompt(p, ints(g, p + ".prompt_tokens"), floats(g, p + ".prompt_logits"),
                            ints(g, p + ".greedy_tokens"), floats(g, p + ".greedy_margin"),
                            rows(g, p + ".greedy_logits"), null, null)
                    : new Prompt(p, ints(g, p + ".prompt_tokens"), floats(g, p + ".prompt_logits"),
                            ints(g, p + ".greedy_tokens"), floats(g, p + ".greedy_margin"),
                            null, intRows(g, p + ".greedy_top5_ids"), rows(g, p + ".greedy_top5_logits")))
                    .toList();
            return new ModelGoldens(checkpoint,
                    tolerance.get("recommended_logits_atol").asDouble(),
                    tolerance.get("recommended_encoder_out_atol").asDouble(),
                    mel,
                    fullRows ? floats(g, "encoder_out") : null,
                    fullRows ? null : ints(g, "encoder_out_rows"),
                    fullRows ? null : floats(g, "encoder_out_sample"),
                    prompts);
        }
    }

    /** Greedy steps, over all prompts, whose golden margin (top-1 minus top-2) is at most {@code margin}. */
    int stepsWithMarginAtMost(double margin) {
        int n = 0;
        for (Prompt p : prompts) {
            for (float m : p.greedyMargin()) {
                n += m <= margin ? 1 : 0;
            }
        }
        return n;
    }

    private static float[] floats(SafeTensors g, String name) {
        return g.tensor(name).toFloatArray();
    }

    private static int[] ints(SafeTensors g, String name) {
        return g.tensor(name).toIntArray();
    }

    private static float[][] rows(SafeTensors g, String name) {
        var t = g.tensor(name);
        int rows = t.dim(0);
        int cols = t.dim(1);
        float[] flat = t.toFloatArray();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    private static int[][] intRows(SafeTensors g, String name) {
        var t = g.tensor(name);
        int rows = t.dim(0);
        int cols = t.dim(1);
        int[] flat = t.toIntArray();
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }
}
