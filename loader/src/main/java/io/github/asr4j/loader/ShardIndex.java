package io.github.asr4j.loader;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face {@code model.safetensors.index.json}: which shard file holds each tensor.
 * Shard names are checked to stay inside the model folder, since the index is untrusted input.
 */
record ShardIndex(Path folder, Path indexFile, Map<String, String> weightMap, Map<String, String> metadata) {

    /** Index files list names, not weights; anything larger than this is not an index. */
    private static final long MAX_INDEX_BYTES = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static ShardIndex read(Path folder, Path indexFile) {
        JsonNode root;
        try {
            long size = Files.size(indexFile);
            if (size > MAX_INDEX_BYTES) {
                throw new SafeTensorsException(indexFile, "index is " + size + " bytes, over the limit of " + MAX_INDEX_BYTES);
            }
            root = JSON.readTree(Files.readAllBytes(indexFile));
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new SafeTensorsException(indexFile, "shard index is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SafeTensorsException(indexFile, "cannot read shard index: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new SafeTensorsException(indexFile, "shard index is not a JSON object");
        }
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new SafeTensorsException(indexFile, "missing or non-object 'weight_map'");
        }
        Path base = folder.toAbsolutePath().normalize();
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual()) {
                throw new SafeTensorsException(indexFile, "weight_map entry '" + e.getKey() + "' is not a file name string");
            }
            String shard = e.getValue().textValue();
            checkInside(indexFile, base, e.getKey(), shard);
            weightMap.put(e.getKey(), shard);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && meta.isObject()) {
            meta.properties().forEach(f -> metadata.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString()));
        }
        return new ShardIndex(base, indexFile, Collections.unmodifiableMap(weightMap), Collections.unmodifiableMap(metadata));
    }

    private static void checkInside(Path indexFile, Path base, String tensor, String shard) {
        Path resolved;
        try {
            resolved = base.resolve(shard).normalize();
        } catch (java.nio.file.InvalidPathException ex) {
            throw new SafeTensorsException(indexFile, "weight_map entry '" + tensor + "' names an invalid shard path '" + shard + "'");
        }
        if (shard.isEmpty() || Path.of(shard).isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
            throw new SafeTensorsException(indexFile, "weight_map entry '" + tensor + "' names shard '" + shard
                    + "', which is outside the model folder " + base);
        }
    }

    /** The distinct shard file names, in first-mention order. */
    Set<String> shardFiles() {
        return new LinkedHashSet<>(weightMap.values());
    }

    Path resolve(String shard) {
        return folder.resolve(shard).normalize();
    }
}
