package io.github.asr4j.qwen;

import com.fasterxml.jackson.core.JsonToken;
import io.github.asr4j.ModelLoadException;
import io.github.asr4j.tokenizer.BpeTokenizer;
import io.github.asr4j.tokenizer.TokenizerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Qwen3-ASR's tokenizer and the tokens transcription needs, each looked up by its name in the
 * model folder's tokenizer files ({@code <|im_start|>}, {@code <|audio_pad|>}, {@code <asr_text>}, ...),
 * and the ids that end generation ({@code generation_config.json}'s {@code eos_token_id}).
 * Immutable and thread-safe.
 */
public final class QwenTokens {
    private final BpeTokenizer tokenizer;
    private final int audioPad;
    private final int asrText;
    private final int[] eos;

    private QwenTokens(BpeTokenizer tokenizer, int[] eos) {
        this.tokenizer = tokenizer;
        for (String name : QwenPrompt.SPECIAL_TOKENS) {
            require(tokenizer, name);
        }
        this.audioPad = require(tokenizer, QwenPrompt.AUDIO_PAD);
        this.asrText = require(tokenizer, QwenPrompt.ASR_TEXT);
        this.eos = eos.clone();
    }

    /**
     * Loads the tokenizer of a Qwen3-ASR folder ({@code tokenizer.json}, or {@code vocab.json} +
     * {@code merges.txt} with {@code tokenizer_config.json}) and its generation config.
     *
     * @throws ModelLoadException naming the folder and what is missing
     */
    public static QwenTokens load(Path modelDir) {
        BpeTokenizer tokenizer;
        try {
            tokenizer = BpeTokenizer.load(modelDir);
        } catch (TokenizerException e) {
            throw new ModelLoadException(modelDir + ": the Qwen3-ASR tokenizer cannot be read: " + e.getMessage(), e);
        }
        Path generation = modelDir.resolve("generation_config.json");
        int[] eos = Files.exists(generation) ? eosIds(generation)
                : new int[] {require(tokenizer, "<|endoftext|>"), require(tokenizer, "<|im_end|>")};
        return new QwenTokens(tokenizer, eos);
    }

    /** For tests: a tokenizer and explicit end ids. */
    static QwenTokens of(BpeTokenizer tokenizer, int... eos) {
        return new QwenTokens(tokenizer, eos);
    }

    private static int require(BpeTokenizer tokenizer, String name) {
        return tokenizer.id(name).orElseThrow(() -> new ModelLoadException(
                "the tokenizer has no token " + name + ", which Qwen3-ASR's prompt needs; is this a Qwen3-ASR folder?"));
    }

    /** {@code eos_token_id}: one id or a list of ids. */
    static int[] eosIds(Path file) {
        int[] ids = ModelType.topLevel(file, "eos_token_id", (p, value) -> {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return new int[] {p.getIntValue()};
            }
            int[] list = new int[0];
            if (value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                    list = Arrays.copyOf(list, list.length + 1);
                    list[list.length - 1] = p.getIntValue();
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY || list.length == 0) {
                throw new ModelLoadException(file + ": eos_token_id must be an id or a non-empty list of ids");
            }
            return list;
        });
        if (ids == null) {
            throw new ModelLoadException(file + ": no eos_token_id; Qwen3-ASR's generation config names the end tokens");
        }
        return ids;
    }

    public BpeTokenizer tokenizer() {
        return tokenizer;
    }

    /** The id each audio encoder row replaces in the prompt. */
    public int audioPad() {
        return audioPad;
    }

    /** {@code <asr_text>}: the model writes it between the language line and the transcript. */
    public int asrText() {
        return asrText;
    }

    public boolean isEnd(int token) {
        for (int e : eos) {
            if (e == token) {
                return true;
            }
        }
        return false;
    }

    /** The ids that end generation. */
    public int[] eos() {
        return eos.clone();
    }

    /** The text of generated tokens as the official decoding gives it: special tokens left out ({@code <asr_text>} is not special). */
    public String text(int[] tokens) {
        return tokenizer.decode(tokens, true);
    }
}
