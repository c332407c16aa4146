package io.github.asr4j.tokenizer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whisper's languages as openai-whisper names them: its codes in token order, its English names and
 * the other names it accepts ({@code Mandarin}, {@code Castilian}, ...), and the codes that tokenizer
 * files spell differently: Hugging Face's multilingual tokenizers write Hebrew as {@code <|iw|>} where
 * openai writes {@code <|he|>}, and Javanese is {@code jw} in Whisper but {@code jv} in ISO 639-1.
 * asr4j speaks openai's codes everywhere (options, reported languages) and maps them to whatever the
 * files hold.
 */
public final class WhisperLanguages {
    /** openai's {@code LANGUAGES}: code, name, in token order. */
    private static final String[] CODES_AND_NAMES = {
            "en", "english", "zh", "chinese", "de", "german", "es", "spanish", "ru", "russian", "ko", "korean",
            "fr", "french", "ja", "japanese", "pt", "portuguese", "tr", "turkish", "pl", "polish", "ca", "catalan",
            "nl", "dutch", "ar", "arabic", "sv", "swedish", "it", "italian", "id", "indonesian", "hi", "hindi",
            "fi", "finnish", "vi", "vietnamese", "he", "hebrew", "uk", "ukrainian", "el", "greek", "ms", "malay",
            "cs", "czech", "ro", "romanian", "da", "danish", "hu", "hungarian", "ta", "tamil", "no", "norwegian",
            "th", "thai", "ur", "urdu", "hr", "croatian", "bg", "bulgarian", "lt", "lithuanian", "la", "latin",
            "mi", "maori", "ml", "malayalam", "cy", "welsh", "sk", "slovak", "te", "telugu", "fa", "persian",
            "lv", "latvian", "bn", "bengali", "sr", "serbian", "az", "azerbaijani", "sl", "slovenian",
            "kn", "kannada", "et", "estonian", "mk", "macedonian", "br", "breton", "eu", "basque", "is", "icelandic",
            "hy", "armenian", "ne", "nepali", "mn", "mongolian", "bs", "bosnian", "kk", "kazakh", "sq", "albanian",
            "sw", "swahili", "gl", "galician", "mr", "marathi", "pa", "punjabi", "si", "sinhala", "km", "khmer",
            "sn", "shona", "yo", "yoruba", "so", "somali", "af", "afrikaans", "oc", "occitan", "ka", "georgian",
            "be", "belarusian", "tg", "tajik", "sd", "sindhi", "gu", "gujarati", "am", "amharic", "yi", "yiddish",
            "lo", "lao", "uz", "uzbek", "fo", "faroese", "ht", "haitian creole", "ps", "pashto", "tk", "turkmen",
            "nn", "nynorsk", "mt", "maltese", "sa", "sanskrit", "lb", "luxembourgish", "my", "myanmar",
            "bo", "tibetan", "tl", "tagalog", "mg", "malagasy", "as", "assamese", "tt", "tatar", "haw", "hawaiian",
            "ln", "lingala", "ha", "hausa", "ba", "bashkir", "jw", "javanese", "su", "sundanese", "yue", "cantonese"};

    /** The further names openai's {@code TO_LANGUAGE_CODE} accepts. */
    private static final String[] OTHER_NAMES = {
            "burmese", "my", "valencian", "ca", "flemish", "nl", "haitian", "ht", "letzeburgesch", "lb",
            "pushto", "ps", "panjabi", "pa", "moldavian", "ro", "moldovan", "ro", "sinhalese", "si",
            "castilian", "es", "mandarin", "zh"};

    /** Other spellings of openai's codes found in tokenizer files and ISO 639-1. */
    private static final Map<String, String> RENAMED = Map.of("iw", "he", "jv", "jw");

    private static final Map<String, String> NAMES;
    private static final Map<String, String> CODES_BY_NAME;

    static {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < CODES_AND_NAMES.length; i += 2) {
            names.put(CODES_AND_NAMES[i], CODES_AND_NAMES[i + 1]);
            byName.put(CODES_AND_NAMES[i + 1], CODES_AND_NAMES[i]);
        }
        for (int i = 0; i < OTHER_NAMES.length; i += 2) {
            byName.put(OTHER_NAMES[i], OTHER_NAMES[i + 1]);
        }
        NAMES = Collections.unmodifiableMap(names);
        CODES_BY_NAME = Collections.unmodifiableMap(byName);
    }

    private WhisperLanguages() {}

    /** openai's codes and English names, in token order. */
    public static Map<String, String> names() {
        return NAMES;
    }

    /**
     * openai's code for a code, a renamed code ({@code iw}, {@code jv}) or a name ({@code English},
     * {@code haitian creole}, {@code Mandarin}), in any letter case.
     *
     * @throws IllegalArgumentException for anything else, naming the value
     */
    public static String code(String codeOrName) {
        String key = codeOrName.strip().toLowerCase(Locale.ROOT);
        if (NAMES.containsKey(key)) return key;
        if (RENAMED.containsKey(key)) return RENAMED.get(key);
        if (CODES_BY_NAME.containsKey(key)) return CODES_BY_NAME.get(key);
        throw new IllegalArgumentException("unknown language '" + codeOrName + "': give a Whisper language code"
                + " (en, zh, de, ... " + NAMES.size() + " in all) or an English name (English, Mandarin, ...)");
    }

    /** openai's code for a code found in a tokenizer file ({@code iw} → {@code he}); other codes as they are. */
    static String fromFileCode(String fileCode) {
        return RENAMED.getOrDefault(fileCode, fileCode);
    }
}
