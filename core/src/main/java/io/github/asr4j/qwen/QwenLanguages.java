package io.github.asr4j.qwen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 30 languages Qwen3-ASR names in its output and accepts as a forced language (the official
 * {@code SUPPORTED_LANGUAGES}), with the code the rest of asr4j uses for each (openai-whisper's:
 * English is {@code en}, Cantonese {@code yue}, Filipino is Whisper's Tagalog {@code tl}).
 */
public final class QwenLanguages {
    private static final String[] CODES_AND_NAMES = {
            "zh", "Chinese", "en", "English", "yue", "Cantonese", "ar", "Arabic", "de", "German", "fr", "French",
            "es", "Spanish", "pt", "Portuguese", "id", "Indonesian", "it", "Italian", "ko", "Korean", "ru", "Russian",
            "th", "Thai", "vi", "Vietnamese", "ja", "Japanese", "tr", "Turkish", "hi", "Hindi", "ms", "Malay",
            "nl", "Dutch", "sv", "Swedish", "da", "Danish", "fi", "Finnish", "pl", "Polish", "cs", "Czech",
            "tl", "Filipino", "fa", "Persian", "el", "Greek", "ro", "Romanian", "hu", "Hungarian", "mk", "Macedonian"};

    private static final Map<String, String> NAME_BY_CODE = new LinkedHashMap<>();
    private static final Map<String, String> CODE_BY_NAME = new LinkedHashMap<>();

    static {
        for (int i = 0; i < CODES_AND_NAMES.length; i += 2) {
            NAME_BY_CODE.put(CODES_AND_NAMES[i], CODES_AND_NAMES[i + 1]);
            CODE_BY_NAME.put(CODES_AND_NAMES[i + 1], CODES_AND_NAMES[i]);
        }
    }

    private QwenLanguages() {}

    /** The official names, in the official order. */
    public static List<String> names() {
        return List.copyOf(NAME_BY_CODE.values());
    }

    /**
     * The name the model is prompted with for a code or one of its names, in any letter case
     * ({@code en} → {@code English}, {@code filipino} → {@code Filipino}).
     *
     * @throws IllegalArgumentException when Qwen3-ASR does not support the language, listing those it does
     */
    public static String name(String code) {
        String name = NAME_BY_CODE.get(code);
        if (name == null && CODE_BY_NAME.containsKey(normalise(code))) {
            name = normalise(code);
        }
        if (name == null) {
            throw new IllegalArgumentException("Qwen3-ASR does not support language '" + code + "'; it knows "
                    + String.join(", ", NAME_BY_CODE.keySet()) + " (" + String.join(", ", NAME_BY_CODE.values()) + ")");
        }
        return name;
    }

    /**
     * The code for a name the model wrote, normalised as the official parser does (first letter upper
     * case, the rest lower case); a name outside the table comes back in that normalised form.
     */
    public static String code(String name) {
        String normal = normalise(name);
        return CODE_BY_NAME.getOrDefault(normal, normal);
    }

    /** Whether {@code name} is one of the official names, in any letter case. */
    public static boolean isName(String name) {
        return CODE_BY_NAME.containsKey(normalise(name));
    }

    /** The official {@code normalize_language_name}: {@code cHINese} → {@code Chinese}. */
    static String normalise(String name) {
        String s = name.strip();
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
