package io.github.asr4j.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The transcribe flags that have no meaning for a Qwen3-ASR model, which decodes greedily, emits
 * no timestamps or word timings, only transcribes, and always stops a loop (see the README).
 * Given on the command line they are refused, not ignored.
 */
final class QwenFlags {
    static final List<String> NOT_APPLICABLE = List.of("--temperature", "--temperature_increment_on_fallback",
            "--best_of", "--beam_size", "--patience", "--length_penalty", "--suppress_tokens", "--carry_initial_prompt",
            "--condition_on_previous_text", "--compression_ratio_threshold", "--logprob_threshold",
            "--no_speech_threshold", "--clip_timestamps", "--word_timestamps", "--prepend_punctuations",
            "--append_punctuations", "--highlight_words", "--max_line_width", "--max_line_count",
            "--max_words_per_line", "--seed", "--hallucination_silence_threshold", "--repetition_ngram_size",
            "--repetition_max_repeats");

    private QwenFlags() {}

    /** @throws CommandLine.ParameterException naming every inapplicable flag given ({@code --task translate} too) */
    static void refuseInapplicable(CommandLine command, String task) {
        ParseResult parsed = command.getParseResult();
        List<String> given = new java.util.ArrayList<>(NOT_APPLICABLE.stream().filter(parsed::hasMatchedOption).toList());
        if (!"transcribe".equals(task)) {
            given.addFirst("--task " + task);
        }
        if (!given.isEmpty()) {
            throw new CommandLine.ParameterException(command, "not for Qwen3-ASR models: " + String.join(", ", given)
                    + " (Qwen3-ASR decodes greedily, transcribes only and times segments by the speech found;"
                    + " its flags: --language --initial_prompt --max_tokens --without_timestamps --vad_* --output_format"
                    + " --output_dir --verbose --threads --weights --batch_size)");
        }
    }
}
