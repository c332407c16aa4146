package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON and text-file reading shared by the tokenizer-folder readers; every failure names the file. */
final class JsonFiles {
    /**
     * Field names not interned: a vocabulary's 151k names would each go through {@code String.intern}
     * for nothing (~0.1 s of a fresh JVM's reading of Qwen's vocabulary). Canonicalising stays on:
     * without it Jackson reads bytes through a {@code Reader}-based parser.
     */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build());

    private JsonFiles() {}

    static Map<String, Integer> readVocabStream(JsonParser p, String where) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new TokenizerException(where + ": expected an object of token -> id" + at(p.currentLocation()));
        }
        Map<String, Integer> vocab = new HashMap<>(1 << 16);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    || p.getIntValue() < 0) {
                throw new TokenizerException(where + ": token '" + abbreviate(token) + "' has id " + abbreviate(p.getText())
                        + ", expected a non-negative int" + at(p.currentLocation()));
            }
            vocab.put(token, p.getIntValue());
        }
        return vocab;
    }

    static List<String[]> readMergesStream(JsonParser p, String where) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TokenizerException(where + " is not an array" + at(p.currentLocation()));
        }
        List<String[]> merges = new ArrayList<>(1 << 16);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String here = where + "[" + merges.size() + "]";
            if (t == JsonToken.VALUE_STRING) {
                merges.add(splitMerge(p.getText(), here));
            } else if (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.VALUE_STRING) {
                String left = p.getText();
                String right = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                if (right == null || p.nextToken() != JsonToken.END_ARRAY) {
                    throw new TokenizerException(here + ": expected [\"a\", \"b\"]" + at(p.currentLocation()));
                }
                merges.add(new String[] {left, right});
            } else {
                throw new TokenizerException(here + ": expected \"a b\" or [\"a\", \"b\"], found "
                        + abbreviate(p.getText()) + at(p.currentLocation()));
            }
        }
        return merges;
    }

    /** Opens a parser over a file or over bytes in memory. */
    @FunctionalInterface
    interface ParserSource {
        JsonParser open() throws IOException;
    }

    static Map<String, Integer> readVocabFile(Path file) {
        return readVocab(file, () -> JSON.createParser(file.toFile()));
    }

    /** {@code vocab.json} from {@code source}; {@code file} names it in messages. */
    static Map<String, Integer> readVocab(Path file, ParserSource source) {
        String name = file.getFileName().toString();
        try (JsonParser p = source.open()) {
            p.nextToken();
            Map<String, Integer> vocab = readVocabStream(p, name);
            if (p.nextToken() != null) {
                throw new TokenizerException(name + ": unexpected content after the object" + at(p.currentLocation()));
            }
            return vocab;
        } catch (JsonProcessingException e) {
            throw malformed(name, file, e);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new TokenizerException(name + ": file not found: " + file, e);
        } catch (IOException e) {
            throw new TokenizerException(name + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String at(JsonLocation loc) {
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    static TokenizerException malformed(String name, Path file, JsonProcessingException e) {
        var loc = e.getLocation();
        return new TokenizerException(name + ": malformed JSON in " + file + ": " + e.getOriginalMessage()
                + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()), e);
    }

    static String[] splitMerge(String line, String where) {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
            throw new TokenizerException(where + ": expected two tokens separated by one space, found '"
                    + abbreviate(line) + "'");
        }
        return new String[] {line.substring(0, space), line.substring(space + 1)};
    }

    static Map<String, Integer> readVocab(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new TokenizerException(where + ": expected an object of token -> id");
        }
        Map<String, Integer> vocab = new HashMap<>(n.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw new TokenizerException(where + ": token '" + abbreviate(e.getKey())
                        + "' has id " + abbreviate(id) + ", expected a non-negative int");
            }
            vocab.put(e.getKey(), id.asInt());
        }
        return vocab;
    }

    static int parseId(String s, String where) {
        try {
            int id = Integer.parseInt(s);
            if (id >= 0) return id;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new TokenizerException(where + ": key is not a non-negative int id");
    }

    static JsonNode readOptionalJson(Path file) {
        return Files.exists(file) ? readJson(file) : null;
    }

    static JsonNode readJson(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || n.isMissingNode()) throw new TokenizerException(name + ": file is empty: " + file);
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(name, file, e);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new TokenizerException(name + ": file not found: " + file, e);
        } catch (IOException e) {
            throw new TokenizerException(name + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String textOr(JsonNode n, String fallback) {
        return n == null || n.isNull() ? fallback : n.asText();
    }

    static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
