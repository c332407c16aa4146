package io.github.asr4j;

import io.github.asr4j.decode.NonSpeechTokens;
import io.github.asr4j.decode.SpecialTokens;
import io.github.asr4j.decode.SuppressTokens;
import io.github.asr4j.decode.TextMetrics;
import io.github.asr4j.loader.GenerationConfig;
import io.github.asr4j.tokenizer.WhisperTokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What decoding needs from a model's tokenizer and generation_config: control tokens, the start
 * sequence of a request, the suppressed tokens, and text from tokens.
 */
final class WhisperVocabulary {
    private final WhisperTokenizer tokenizer;
    private final GenerationConfig generation;
    private final SpecialTokens special;

    WhisperVocabulary(WhisperTokenizer tokenizer, GenerationConfig generation) {
        this.tokenizer = tokenizer;
        this.generation = generation;
        this.special = new SpecialTokens(tokenizer.eot(), tokenizer.sot(), tokenizer.startOfPrev(),
                tokenizer.noSpeech(), tokenizer.noTimestamps(), tokenizer.timestampBegin(), blank());
    }

    WhisperTokenizer tokenizer() {
        return tokenizer;
    }

    SpecialTokens special() {
        return special;
    }

    boolean isMultilingual() {
        return tokenizer.isMultilingual();
    }

    /** Language code → token id, in the tokenizer's order. */
    Map<String, Integer> languageTokens() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String code : tokenizer.languages()) {
            ids.put(code, tokenizer.languageId(code));
        }
        return ids;
    }

    /** {@code <|startoftranscript|>}, then the language and task where the model has them. */
    int[] startSequence(String language, Task task) {
        int[] prompt = tokenizer.prompt(isMultilingual() ? language : null, task.tokenName(), true);
        return prompt;
    }

    /**
     * The ids never to emit: the requested list (generation_config's by default) with {@code -1}
     * expanded to openai's non-speech symbols, plus the control tokens openai always suppresses.
     */
    List<Integer> suppressTokens(List<Integer> requested) {
        List<Integer> configured = requested != null ? requested
                : generation.suppressTokens().isEmpty() ? List.of(-1) : generation.suppressTokens();
        List<Integer> controls = new ArrayList<>(List.of(tokenizer.transcribe(), tokenizer.translate(),
                tokenizer.sot(), tokenizer.startOfPrev(), tokenizer.startOfLm()));
        if (tokenizer.noSpeech() >= 0) {
            controls.add(tokenizer.noSpeech());
        }
        return SuppressTokens.resolve(configured, () -> NonSpeechTokens.of(tokenizer.bpe()::encodeOrdinary),
                controls.stream().mapToInt(Integer::intValue).toArray());
    }

    /** generation_config's {@code alignment_heads} ([layer, head] pairs; empty when it names none). */
    List<int[]> alignmentHeads() {
        return generation.alignmentHeads();
    }

    /**
     * openai's {@code tokenizer.decode}: timestamps left out, other control tokens kept as their text.
     * A window's text and compression ratio and the transcript's text are made with it (so a window of
     * {@code <|notimestamps|>} is repetitive, as openai finds it); segment texts are given only the
     * tokens below end-of-text, where this and {@link WhisperTokenizer#decodeText} agree.
     */
    String text(int[] tokens) {
        return tokenizer.decode(tokens);
    }

    /** Tokens of a prompt text, as openai encodes {@code " " + prompt.strip()}. */
    int[] promptTokens(String text) {
        return tokenizer.encode(" " + TextMetrics.pythonStrip(text));
    }

    /** The blank tokens suppressed at a window's start: generation_config's, else {@code encode(" ")}. */
    private int[] blank() {
        List<Integer> begin = generation.beginSuppressTokens().stream()
                .filter(id -> id != tokenizer.eot()).toList();
        return begin.isEmpty()
                ? tokenizer.bpe().encodeOrdinary(" ")
                : begin.stream().mapToInt(Integer::intValue).toArray();
    }
}
