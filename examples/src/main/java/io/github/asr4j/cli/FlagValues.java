package io.github.asr4j.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks of flag values that picocli's types do not cover: a word from a fixed list (the message
 * lists the accepted ones) and comma-separated numbers (the message names the bad item). picocli
 * puts the flag's name in front ("Invalid value for option '--task': ...") and exits with 2.
 */
final class FlagValues {
    private FlagValues() {}

    /** A value that must be one of {@code accepted} (case-insensitive); returned in lower case. */
    static String oneOf(String value, String... accepted) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(accepted).contains(v)) {
            throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", accepted));
        }
        return v;
    }

    static final class TaskName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, "transcribe", "translate");
        }
    }

    static final class WeightFormatName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, "stored", "int8");
        }
    }

    static final class KvCacheName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, "f32", "f16", "q8");
        }
    }

    static final class OutputFormatName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return oneOf(value, "txt", "vtt", "srt", "tsv", "json", "all");
        }
    }

    /** Comma-separated integers, e.g. {@code -1,220}; kept as the text given. */
    static final class IntList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            for (String item : items(value)) {
                try {
                    Integer.parseInt(item);
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + item + "' is not an integer (expected e.g. -1,220)");
                }
            }
            return value;
        }
    }

    /** Comma-separated decimal numbers, e.g. {@code 0,12.5}; kept as the text given. */
    static final class NumberList implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            for (String item : items(value)) {
                try {
                    if (!Double.isFinite(Double.parseDouble(item))) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + item + "' is not a number (expected e.g. 0,12.5)");
                }
            }
            return value;
        }
    }

    private static List<String> items(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
