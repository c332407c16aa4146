package io.github.asr4j.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Decoding settings a Whisper checkpoint publishes in {@code generation_config.json}.
 *
 * <p>Every field is optional in the file; absent ones take the values of {@link #defaults}.
 *
 * @param langToId e.g. {@code "<|en|>" -> 50259}, in file order; empty for English-only models
 * @param taskToId e.g. {@code "transcribe" -> 50359}
 * @param alignmentHeads pairs {@code [layer, head]} of cross-attention heads for word timing
 * @param noTimestampsTokenId -1 when absent
 * @param maxInitialTimestampIndex 50 (1.0 s) when absent
 */
public record GenerationConfig(
        List<Integer> suppressTokens,
        List<Integer> beginSuppressTokens,
        Map<String, Integer> langToId,
        Map<String, Integer> taskToId,
        int noTimestampsTokenId,
        List<int[]> alignmentHeads,
        boolean isMultilingual,
        int maxInitialTimestampIndex,
        int decoderStartTokenId,
        int eosTokenId,
        int maxLength) {

    /** openai's default: the first timestamp may be at most 1.0 s (50 steps of 20 ms). */
    public static final int DEFAULT_MAX_INITIAL_TIMESTAMP_INDEX = 50;

    /**
     * Reads {@code generation_config.json}, taking absent token ids from the multilingual Whisper
     * vocabulary (eos 50257, start 50258, max length 448).
     *
     * @throws ConfigException naming the file and the field at fault
     */
    public static GenerationConfig read(Path generationConfigJson) {
        return read(generationConfigJson, null);
    }

    /**
     * Reads {@code generation_config.json}, taking absent values from {@link #defaults(ModelConfig)}
     * of {@code model} (when not null).
     */
    public static GenerationConfig read(Path generationConfigJson, ModelConfig model) {
        return of(ConfigJson.read(generationConfigJson), model);
    }

    /** {@code generation_config.json} already in memory; {@code file} names it in messages (the fuzz tests' seam). */
    static GenerationConfig read(Path file, byte[] json, ModelConfig model) {
        return of(ConfigJson.parse(file, json), model);
    }

    private static GenerationConfig of(ConfigJson json, ModelConfig model) {
        int eosFallback = model != null ? model.eosTokenId() : 50257;
        int startFallback = model != null ? model.decoderStartTokenId() : 50258;
        int lengthFallback = model != null ? model.maxTargetPositions() : 448;
        Map<String, Integer> langToId = json.optionalIntMap("lang_to_id");
        GenerationConfig config = new GenerationConfig(
                json.optionalIntList("suppress_tokens"),
                json.optionalIntList("begin_suppress_tokens"),
                langToId,
                json.optionalIntMap("task_to_id"),
                json.optionalInt("no_timestamps_token_id", -1),
                json.optionalIntPairs("alignment_heads"),
                json.optionalBoolean("is_multilingual", !langToId.isEmpty()),
                json.optionalInt("max_initial_timestamp_index", DEFAULT_MAX_INITIAL_TIMESTAMP_INDEX),
                json.optionalInt("decoder_start_token_id", startFallback),
                json.optionalIntOrFirstOfList("eos_token_id", eosFallback),
                json.optionalInt("max_length", lengthFallback));
        config.validate(json);
        return config;
    }

    /**
     * Settings for a folder without {@code generation_config.json}: no language or task maps, no
     * suppression, no timestamp token, token ids from the model config.
     */
    public static GenerationConfig defaults(ModelConfig model) {
        return new GenerationConfig(List.of(), List.of(), Map.of(), Map.of(), -1, List.of(), model.isMultilingual(),
                DEFAULT_MAX_INITIAL_TIMESTAMP_INDEX, model.decoderStartTokenId(), model.eosTokenId(), model.maxTargetPositions());
    }

    /** The id of a language code such as {@code "en"} or {@code "<|en|>"}, or -1 when unknown. */
    public int languageTokenId(String language) {
        String key = language.startsWith("<|") ? language : "<|" + language + "|>";
        return langToId.getOrDefault(key, -1);
    }

    /**
     * Checks the token ids and alignment heads against the model they belong to.
     *
     * @param file named in the exception
     * @return this
     * @throws ConfigException naming the field that does not fit the model
     */
    public GenerationConfig checkAgainst(ModelConfig model, Path file) {
        checkToken(file, model, "decoder_start_token_id", decoderStartTokenId);
        checkToken(file, model, "eos_token_id", eosTokenId);
        if (noTimestampsTokenId != -1) {
            checkToken(file, model, "no_timestamps_token_id", noTimestampsTokenId);
        }
        langToId.forEach((lang, id) -> checkToken(file, model, "lang_to_id." + lang, id));
        taskToId.forEach((task, id) -> checkToken(file, model, "task_to_id." + task, id));
        for (int i = 0; i < suppressTokens.size(); i++) {
            checkToken(file, model, "suppress_tokens[" + i + "]", suppressTokens.get(i));
        }
        for (int i = 0; i < beginSuppressTokens.size(); i++) {
            checkToken(file, model, "begin_suppress_tokens[" + i + "]", beginSuppressTokens.get(i));
        }
        for (int i = 0; i < alignmentHeads.size(); i++) {
            int[] pair = alignmentHeads.get(i);
            if (pair[0] >= model.decoderLayers() || pair[1] >= model.decoderAttentionHeads()) {
                throw new ConfigException(file, "field 'alignment_heads[" + i + "]' is [" + pair[0] + ", " + pair[1]
                        + "], outside the decoder's " + model.decoderLayers() + " layers x " + model.decoderAttentionHeads() + " heads");
            }
        }
        return this;
    }

    private static void checkToken(Path file, ModelConfig model, String field, int id) {
        if (id < 0 || id >= model.vocabSize()) {
            throw new ConfigException(file, "field '" + field + "' is " + id + ", outside the vocabulary of " + model.vocabSize() + " tokens");
        }
    }

    private void validate(ConfigJson json) {
        if (maxLength <= 0) {
            throw json.error("max_length", "is " + maxLength + "; expected a positive integer");
        }
        if (maxInitialTimestampIndex < 0) {
            throw json.error("max_initial_timestamp_index", "is " + maxInitialTimestampIndex + "; expected >= 0");
        }
        for (int i = 0; i < alignmentHeads.size(); i++) {
            int[] pair = alignmentHeads.get(i);
            if (pair[0] < 0 || pair[1] < 0) {
                throw json.error("alignment_heads[" + i + "]", "is [" + pair[0] + ", " + pair[1] + "]; layer and head must be >= 0");
            }
        }
    }
}
