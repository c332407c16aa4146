package io.github.asr4j.loader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the fields of a JSON configuration file, turning every missing field or wrong
 * type into a {@link ConfigException} that names the file and the field. A JSON {@code null} counts
 * as absent, since Hugging Face writes nulls for unset options.
 */
final class ConfigJson {
    /** Configs are a few kilobytes (tens with language maps); a huge file is not a config. */
    private static final long MAX_BYTES = 16L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final JsonNode root;
    private final String prefix; // "" at the top level, "thinker_config.audio_config." in a nested object

    private ConfigJson(Path file, JsonNode root) {
        this(file, root, "");
    }

    private ConfigJson(Path file, JsonNode root, String prefix) {
        this.file = file;
        this.root = root;
        this.prefix = prefix;
    }

    static ConfigJson read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(file, "file is " + size + " bytes, over the " + MAX_BYTES + "-byte limit for a config");
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new ConfigException(file, "not a JSON object");
            }
            return new ConfigJson(file, root);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, "file not found", e);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ConfigException(file, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read: " + e, e);
        }
    }

    Path file() {
        return file;
    }

    boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    int requireInt(String field) {
        if (!has(field)) {
            throw new ConfigException(file, "required field '" + prefix + field + "' is missing");
        }
        return asInt(field, root.get(field));
    }

    int optionalInt(String field, int fallback) {
        return has(field) ? asInt(field, root.get(field)) : fallback;
    }

    /** An int, or (as some generation configs write eos_token_id) a non-empty list whose first int is used. */
    int optionalIntOrFirstOfList(String field, int fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode n = root.get(field);
        if (n.isArray()) {
            if (n.isEmpty()) {
                throw new ConfigException(file, "field '" + field + "' is an empty list; expected an integer");
            }
            return asInt(field + "[0]", n.get(0));
        }
        return asInt(field, n);
    }

    boolean optionalBoolean(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode n = root.get(field);
        if (!n.isBoolean()) {
            throw wrongType(field, n, "true or false");
        }
        return n.booleanValue();
    }

    String optionalString(String field, String fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode n = root.get(field);
        if (!n.isTextual()) {
            throw wrongType(field, n, "a string");
        }
        return n.textValue();
    }

    List<Integer> optionalIntList(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode n = root.get(field);
        if (!n.isArray()) {
            throw wrongType(field, n, "a list of integers");
        }
        List<Integer> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(asInt(field + "[" + i + "]", n.get(i)));
        }
        return List.copyOf(out);
    }

    /** A list of {@code [a, b]} integer pairs. */
    List<int[]> optionalIntPairs(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode n = root.get(field);
        if (!n.isArray()) {
            throw wrongType(field, n, "a list of [int, int] pairs");
        }
        List<int[]> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode pair = n.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw wrongType(field + "[" + i + "]", pair, "an [int, int] pair");
            }
            out.add(new int[] {asInt(field + "[" + i + "][0]", pair.get(0)), asInt(field + "[" + i + "][1]", pair.get(1))});
        }
        return Collections.unmodifiableList(out);
    }

    /** A JSON object of string to int, in file order. */
    Map<String, Integer> optionalIntMap(String field) {
        if (!has(field)) {
            return Map.of();
        }
        JsonNode n = root.get(field);
        if (!n.isObject()) {
            throw wrongType(field, n, "an object of integers");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            out.put(e.getKey(), asInt(field + "." + e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The JSON object {@code field}, whose errors name the field by its whole path ({@code outer.field.name}). */
    ConfigJson object(String field) {
        if (!has(field)) {
            throw new ConfigException(file, "required field '" + prefix + field + "' is missing");
        }
        JsonNode n = root.get(field);
        if (!n.isObject()) {
            throw wrongType(field, n, "a JSON object");
        }
        return new ConfigJson(file, n, prefix + field + ".");
    }

    /** A number (integer or not), or {@code fallback} when absent. */
    double optionalDouble(String field, double fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode n = root.get(field);
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw wrongType(field, n, "a finite number");
        }
        return n.doubleValue();
    }

    ConfigException error(String field, String problem) {
        return new ConfigException(file, "field '" + prefix + field + "' " + problem);
    }

    private int asInt(String field, JsonNode n) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrongType(field, n, "an integer");
        }
        return n.intValue();
    }

    private ConfigException wrongType(String field, JsonNode n, String expected) {
        String shown = n == null ? "missing" : n.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new ConfigException(file, "field '" + prefix + field + "' is " + shown + "; expected " + expected);
    }
}
