package io.github.asr4j.qwen;

import java.util.Arrays;
import java.util.List;

/**
 * The prompt ids of one Qwen3-ASR request, as the official pipeline builds them: the model's
 * chat template ({@code chat_template.json}) applied to a system message holding the context and a
 * user message holding one audio, with the generation prompt; a forced language appends
 * {@code language X<asr_text>}; the processor then repeats {@code <|audio_pad|>} once per encoder row.
 *
 * <p>The template text is tokenized whole, as the official processor does, so the context is
 * tokenized together with the {@code system\n} before it (special tokens in it are matched as
 * such, as Hugging Face's tokenizer does by default).
 */
public final class QwenPrompt {
    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";
    static final String AUDIO_START = "<|audio_start|>";
    static final String AUDIO_END = "<|audio_end|>";
    static final String AUDIO_PAD = "<|audio_pad|>";
    static final String ASR_TEXT = "<asr_text>";
    /** The tokens the template uses; a tokenizer without one of them is not Qwen3-ASR's. */
    static final List<String> SPECIAL_TOKENS = List.of(IM_START, IM_END, AUDIO_START, AUDIO_END, AUDIO_PAD, ASR_TEXT);

    private QwenPrompt() {}

    /**
     * The template's text with one {@code <|audio_pad|>}, as the official {@code _build_text_prompt} gives it.
     *
     * @param context the system message (null or empty: none)
     * @param language the official language name to force ({@code English}); null: the model names it
     */
    static String text(String context, String language) {
        String text = IM_START + "system\n" + (context == null ? "" : context) + IM_END + "\n"
                + IM_START + "user\n" + AUDIO_START + AUDIO_PAD + AUDIO_END + IM_END + "\n"
                + IM_START + "assistant\n";
        return language == null ? text : text + "language " + language + ASR_TEXT;
    }

    /**
     * The prompt ids for an audio of {@code audioTokens} encoder rows.
     *
     * @param context the system message (null or empty: none)
     * @param language the official language name to force ({@code English}); null: detected by the model
     */
    public static int[] ids(QwenTokens tokens, String context, String language, int audioTokens) {
        if (audioTokens < 1) {
            throw new IllegalArgumentException("a prompt needs at least one audio token, got " + audioTokens);
        }
        int[] template = tokens.tokenizer().encode(text(context, language));
        int pads = 0;
        for (int id : template) {
            if (id == tokens.audioPad()) {
                pads++;
            }
        }
        if (pads != 1) {
            throw new IllegalArgumentException("the context must not contain " + AUDIO_PAD + " (found "
                    + (pads - 1) + " in it)");
        }
        int[] ids = new int[template.length - 1 + audioTokens];
        int at = 0;
        for (int id : template) {
            if (id == tokens.audioPad()) {
                Arrays.fill(ids, at, at + audioTokens, id);
                at += audioTokens;
            } else {
                ids[at++] = id;
            }
        }
        return ids;
    }
}
