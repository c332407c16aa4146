package io.github.asr4j.loader;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A read-only, memory-mapped safetensors checkpoint: one {@code .safetensors} file, or a folder
 * sharded by {@code model.safetensors.index.json}. Thread-safe; tensors stay valid until
 * {@link #close()}.
 *
 * <p>Only the header is read onto the heap (at most {@value SafeTensorsHeader#MAX_HEADER_BYTES}
 * bytes, and never more than the file holds); tensor data are slices of a mapping owned by a shared
 * arena, so {@link #close()} unmaps them and any later access fails with an
 * {@link IllegalStateException} instead of reading freed memory.
 */
public final class SafeTensors implements AutoCloseable {
    /** The single-file checkpoint name Hugging Face uses. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The shard index name Hugging Face uses. */
    public static final String SHARD_INDEX = "model.safetensors.index.json";

    private final Path source;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;
    private final List<Arena> arenas;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SafeTensors(Path source, Map<String, Tensor> tensors, Map<String, String> metadata, List<Arena> arenas) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = metadata;
        this.arenas = List.copyOf(arenas);
    }

    /** Opens and validates one {@code .safetensors} file. @throws SafeTensorsException on any format problem. */
    public static SafeTensors open(Path file) {
        if (Files.isDirectory(file)) {
            throw new SafeTensorsException(file, "is a folder, not a .safetensors file (use openFolder)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new SafeTensorsException(file, "file is " + size + " bytes, too short for the 8-byte header length");
            }
            long headerLength = readFully(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 0 || headerLength > size - 8) {
                throw new SafeTensorsException(file, "header length " + Long.toUnsignedString(headerLength)
                        + " at offset 0 exceeds the " + (size - 8) + " bytes that follow it (truncated or not a safetensors file)");
            }
            if (headerLength > SafeTensorsHeader.MAX_HEADER_BYTES) {
                throw new SafeTensorsException(file, "header length " + headerLength + " exceeds the limit of "
                        + SafeTensorsHeader.MAX_HEADER_BYTES + " bytes");
            }
            byte[] headerBytes = readFully(file, channel, 8, (int) headerLength).array();
            long dataStart = 8 + headerLength;
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, headerBytes, size - dataStart);
            Arena arena = Arena.ofShared();
            try {
                MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                for (SafeTensorsHeader.Entry e : header.entries()) {
                    MemorySegment slice = mapping.asSlice(dataStart + e.begin(), e.end() - e.begin());
                    tensors.put(e.name(), new Tensor(e.name(), e.dtype(), e.shape(), slice));
                }
                return new SafeTensors(file, tensors, header.metadata(), List.of(arena));
            } catch (IOException | RuntimeException ex) {
                arena.close();
                throw ex;
            }
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException(file, "file not found", e);
        } catch (IOException e) {
            throw new SafeTensorsException(file, "cannot read: " + e, e);
        }
    }

    /**
     * Reads one safetensors file held in memory, such as a resource inside a jar (which cannot be
     * mapped); {@code source} names it in errors. @throws SafeTensorsException on any format problem.
     */
    public static SafeTensors read(Path source, byte[] bytes) {
        if (bytes.length < 8) {
            throw new SafeTensorsException(source, bytes.length + " bytes, too short for the 8-byte header length");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 0 || headerLength > bytes.length - 8L) {
            throw new SafeTensorsException(source, "header length " + Long.toUnsignedString(headerLength)
                    + " at offset 0 exceeds the " + (bytes.length - 8) + " bytes that follow it (truncated or not a safetensors file)");
        }
        int dataStart = 8 + (int) headerLength;
        SafeTensorsHeader header = SafeTensorsHeader.parse(source,
                Arrays.copyOfRange(bytes, 8, dataStart), bytes.length - dataStart);
        MemorySegment all = MemorySegment.ofArray(bytes);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries()) {
            tensors.put(e.name(), new Tensor(e.name(), e.dtype(), e.shape(),
                    all.asSlice(dataStart + e.begin(), e.end() - e.begin())));
        }
        return new SafeTensors(source, tensors, header.metadata(), List.of());
    }

    /**
     * Opens the weights of a model folder: {@code model.safetensors}, or the shards listed by
     * {@code model.safetensors.index.json} (each shard mapped once; shard names must stay inside the
     * folder). Names come in {@code weight_map} order for shards.
     */
    public static SafeTensors openFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SafeTensorsException(folder, "not a folder");
        }
        Path single = folder.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return open(single);
        }
        Path index = folder.resolve(SHARD_INDEX);
        if (Files.isRegularFile(index)) {
            return openShards(folder, index);
        }
        throw new SafeTensorsException(folder, "no weights found: looked for " + SINGLE_FILE + " and " + SHARD_INDEX);
    }

    /**
     * The shard file names that a {@code model.safetensors.index.json} lists, in order, each once
     * (checked to stay inside the index's folder), without opening them.
     */
    public static java.util.List<String> shardFileNames(Path indexFile) {
        Path folder = indexFile.toAbsolutePath().getParent();
        return java.util.List.copyOf(ShardIndex.read(folder, indexFile).shardFiles());
    }

    private static SafeTensors openShards(Path folder, Path indexFile) {
        ShardIndex index = ShardIndex.read(folder, indexFile);
        Map<String, SafeTensors> shards = new LinkedHashMap<>();
        try {
            for (String shard : index.shardFiles()) {
                shards.put(shard, open(index.resolve(shard)));
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
                Tensor t = shards.get(e.getValue()).tensors.get(e.getKey());
                if (t == null) {
                    throw new SafeTensorsException(indexFile, "weight_map puts tensor '" + e.getKey() + "' in shard '"
                            + e.getValue() + "', which has no tensor of that name");
                }
                tensors.put(e.getKey(), t);
            }
            List<Arena> arenas = new ArrayList<>();
            shards.values().forEach(s -> arenas.addAll(s.arenas));
            return new SafeTensors(folder, tensors, index.metadata(), arenas);
        } catch (RuntimeException ex) {
            shards.values().forEach(SafeTensors::close);
            throw ex;
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                throw new SafeTensorsException(file, "file ended at offset " + (position + buf.position())
                        + " while reading " + length + " bytes at offset " + position);
            }
        }
        return buf;
    }

    /** Names of all tensors, in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The tensor of this name. @throws MissingTensorException naming the tensor and file when absent. */
    public Tensor tensor(String name) {
        return find(name).orElseThrow(() -> new MissingTensorException(source, name));
    }

    public Optional<Tensor> find(String name) {
        if (closed.get()) {
            throw new IllegalStateException(source + ": already closed");
        }
        return Optional.ofNullable(tensors.get(name));
    }

    /** The header's {@code __metadata__} (empty when absent); for shards, the index's {@code metadata} as text. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Where the tensors come from (the file, or the folder for shards), for messages. */
    public Path source() {
        return source;
    }

    /** Unmaps the file(s); idempotent. Tensors obtained before become unusable. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arenas.forEach(Arena::close);
        }
    }

    @Override
    public String toString() {
        return "SafeTensors[" + source + ", " + tensors.size() + " tensors]";
    }
}
