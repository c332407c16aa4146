package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The shared tokenizer folders, their goldens, and loaded tokenizers cached across test classes. */
final class Goldens {
    static final List<String> FOLDERS = List.of("whisper-multilingual", "whisper-v3", "whisper-english", "qwen3-asr");
    static final List<String> WHISPER_FOLDERS = FOLDERS.subList(0, 3);

    /** How a folder is loaded. */
    enum Source {
        TOKENIZER_JSON,
        VOCAB_AND_MERGES
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, BpeTokenizer> LOADED = new ConcurrentHashMap<>();

    private Goldens() {}

    static Path folder(String name) {
        return SharedData.require("tokenizers/" + name);
    }

    static BpeTokenizer tokenizer(String folder, Source source) {
        return LOADED.computeIfAbsent(folder + "/" + source, k -> switch (source) {
            case TOKENIZER_JSON -> BpeTokenizer.loadTokenizerJson(folder(folder));
            case VOCAB_AND_MERGES -> BpeTokenizer.loadVocabAndMerges(folder(folder));
        });
    }

    /** One golden line. */
    record Line(String folder, int number, JsonNode json) {
        @Override
        public String toString() {
            String text = json.has("text") ? json.get("text").asText() : json.path("note").asText();
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            return folder + " line " + number + " " + JsonNodeText.quote(shown);
        }
    }

    static List<Line> lines(String folder, String file) {
        Path p = folder(folder).resolve(file);
        try {
            List<String> raw = Files.readAllLines(p, StandardCharsets.UTF_8);
            List<Line> out = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                if (!raw.get(i).isBlank()) out.add(new Line(folder, i + 1, JSON.readTree(raw.get(i))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (line, source) for every line of {@code file} in every folder, with both loading paths. */
    static Stream<Arguments> everyLine(String file) {
        return FOLDERS.stream().flatMap(f -> lines(f, file).stream()
                .flatMap(line -> Stream.of(Source.values()).map(s -> Arguments.of(line, s))));
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    /** Escapes control and invisible characters so a display name shows what the text is. */
    static final class JsonNodeText {
        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            s.codePoints().forEach(cp -> {
                if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF || cp == 0x2028
                        || cp == 0x2029 || (cp >= 0x200B && cp <= 0x200F)) {
                    b.append(String.format("\\u%04X", cp));
                } else {
                    b.appendCodePoint(cp);
                }
            });
            return b.append('"').toString();
        }
    }
}
