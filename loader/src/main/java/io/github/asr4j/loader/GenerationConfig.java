package io.github.asr4j.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Decoding settings a Whisper checkpoint publishes in {@code generation_config.json}.
 *
 * <p>CONTRACT STUB: the loader work implements {@link #read} and {@link #defaults}.
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

    /** Reads {@code generation_config.json}. @throws ConfigException naming the file and the field at fault */
    public static GenerationConfig read(Path generationConfigJson) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
