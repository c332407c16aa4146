package io.github.asr4j.loader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, parsed and checked against the size of the data area
 * before anything is mapped or sliced, so a forged header can only ever produce an exception.
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {

    /** One tensor as the header describes it; offsets are relative to the start of the data area. */
    record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    /** Same bound as the reference implementation: real headers are a few hundred kilobytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses {@code headerBytes} (UTF-8 JSON, possibly padded with spaces) and validates every entry
     * against a data area of {@code dataSize} bytes.
     */
    static SafeTensorsHeader parse(Path file, byte[] headerBytes, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(headerBytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getByteOffset() < 0 ? "" : " (at file offset " + (8 + at.getByteOffset()) + ")";
            throw new SafeTensorsException(file, "header is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new SafeTensorsException(file, "header cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafeTensorsException(file, "header is not a JSON object");
        }
        Map<String, String> metadata = Map.of();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkNoOverlap(file, entries);
        return new SafeTensorsHeader(Collections.unmodifiableList(entries), metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new SafeTensorsException(file, "__metadata__ is not a JSON object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!f.getValue().isTextual()) {
                throw new SafeTensorsException(file, "__metadata__ entry '" + f.getKey() + "' is not a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataSize) {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new SafeTensorsException(file, where + "header entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafeTensorsException(file, where + "missing or non-string 'dtype'");
        }
        DType dtype = DType.fromSafetensorsName(dtypeNode.textValue());
        if (dtype == null) {
            throw new SafeTensorsException(file, where + "unknown dtype '" + dtypeNode.textValue()
                    + "' (known: " + Arrays.toString(DType.values()) + ")");
        }
        long[] shape = longArray(file, where, node.get("shape"), "shape", -1);
        long[] offsets = longArray(file, where, node.get("data_offsets"), "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new SafeTensorsException(file, where + "data_offsets [" + begin + ", " + end + "] begin after end");
        }
        if (end > dataSize) {
            throw new SafeTensorsException(file, where + "data_offsets [" + begin + ", " + end
                    + "] reach beyond the data area of " + dataSize + " bytes (file truncated or offsets forged)");
        }
        long count = Tensor.elementCount(shape);
        long expected = count < 0 || count > Long.MAX_VALUE / dtype.byteSize() ? -1 : count * dtype.byteSize();
        if (expected != end - begin) {
            throw new SafeTensorsException(file, where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + (expected < 0 ? "more than 2^63" : String.valueOf(expected)) + " bytes but data_offsets ["
                    + begin + ", " + end + "] hold " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers that fit a long; {@code length} -1 means any length. */
    private static long[] longArray(Path file, String where, JsonNode node, String field, int length) {
        if (node == null || !node.isArray()) {
            throw new SafeTensorsException(file, where + "missing or non-array '" + field + "'");
        }
        if (length >= 0 && node.size() != length) {
            throw new SafeTensorsException(file, where + "'" + field + "' has " + node.size() + " values, expected " + length);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new SafeTensorsException(file, where + "'" + field + "' element " + i + " is " + v
                        + ", not a non-negative integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** Tensors must not share bytes; empty tensors occupy nothing and may sit anywhere in range. */
    private static void checkNoOverlap(Path file, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.removeIf(e -> e.begin() == e.end());
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1);
            Entry cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw new SafeTensorsException(file, "tensor '" + cur.name() + "' data_offsets [" + cur.begin() + ", "
                        + cur.end() + "] overlap tensor '" + prev.name() + "' [" + prev.begin() + ", " + prev.end() + "]");
            }
        }
    }
}
