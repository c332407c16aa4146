package io.github.asr4j.cli;

import io.github.asr4j.tokenizer.WhisperLanguages;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values as openai-whisper's command line takes them: {@code None} for "no value" where its
 * {@code optional_int} and {@code optional_float} allow it, and languages by code or by name.
 */
final class OpenAiValues {
    static final String NONE = "None";

    private OpenAiValues() {}

    /** A number, or {@code None} (null). */
    static final class OptionalDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return noneOr(value, Double::valueOf, "a number");
        }
    }

    /** A whole number, or {@code None} (null). */
    static final class OptionalInteger implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return noneOr(value, Integer::valueOf, "a whole number");
        }
    }

    private static <T> T noneOr(String value, Function<String, T> parse, String what) {
        if (value.equals(NONE)) return null;
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is neither " + what + " nor None");
        }
    }

    /**
     * openai's code for a language code or name ({@code en}, {@code English}, {@code iw} → {@code he});
     * {@code None} (null) detects it. An unknown language is a usage error, before any model loads.
     */
    static final class Language implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals(NONE)) return null;
            try {
                return WhisperLanguages.code(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
