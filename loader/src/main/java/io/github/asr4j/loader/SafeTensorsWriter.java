package io.github.asr4j.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@code .safetensors} file: the header (padded with spaces to a multiple of 8 bytes, so
 * the data area starts 8-byte aligned), then each tensor's bytes, contiguous, in the order added.
 *
 * <p>Usage: {@code SafeTensorsWriter.create(path).addFloats("w", new long[] {2, 3}, values, DType.F16)
 * .add("x", DType.U8, shape, segment).write();}. Nothing is written until {@link #write()}, which
 * streams each source in chunks, so a checkpoint far larger than the heap can be written from
 * memory-mapped {@link MemorySegment}s or from a {@link FloatSource} that computes values on demand.
 * The file appears atomically: it is written beside the target and moved into place.
 *
 * <p>Float conversions round to nearest, ties to even (F16 via {@link Float#floatToFloat16}; BF16 by
 * {@link #toBFloat16}). Not thread-safe; one writer per file.
 */
public final class SafeTensorsWriter {

    /** Produces the values of a tensor in row-major order, one chunk at a time. */
    @FunctionalInterface
    public interface FloatSource {
        /** Fills {@code chunk} with elements {@code start .. start + chunk.length - 1}. */
        void fill(long start, float[] chunk);
    }

    private static final int CHUNK_ELEMENTS = 1 << 16;
    private static final long CHUNK_BYTES = 16L << 20;

    private final Path file;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Pending> tensors = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    private record Pending(String name, DType dtype, long[] shape, long byteSize, DataWriter data) {}

    @FunctionalInterface
    private interface DataWriter {
        void writeTo(FileChannel out) throws IOException;
    }

    private SafeTensorsWriter(Path file) {
        this.file = file;
    }

    /** A writer for {@code file} (created or replaced by {@link #write()}). */
    public static SafeTensorsWriter create(Path file) {
        return new SafeTensorsWriter(file);
    }

    /** Adds a {@code __metadata__} entry. */
    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds raw little-endian bytes of {@code dtype}; {@code data} must stay readable until {@link #write()}. */
    public SafeTensorsWriter add(String name, DType dtype, long[] shape, MemorySegment data) {
        long bytes = checkedByteSize(name, dtype, shape);
        if (bytes != data.byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes, but the segment holds " + data.byteSize());
        }
        return enqueue(name, dtype, shape, bytes, out -> {
            for (long pos = 0; pos < bytes; pos += CHUNK_BYTES) {
                writeAll(out, data.asSlice(pos, Math.min(CHUNK_BYTES, bytes - pos)).asByteBuffer());
            }
        });
    }

    /** Adds a tensor as stored (same name, dtype, shape and bytes), e.g. to copy a checkpoint. */
    public SafeTensorsWriter add(Tensor tensor) {
        return add(tensor.name(), tensor.dtype(), tensor.shape(), tensor.data());
    }

    /** Adds {@code values} stored as {@code dtype}: F32, F64, F16 or BF16 (rounded half to even). */
    public SafeTensorsWriter addFloats(String name, long[] shape, float[] values, DType dtype) {
        if (Tensor.elementCount(shape) != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " holds "
                    + Tensor.elementCount(shape) + " elements, but " + values.length + " values are given");
        }
        return addFloats(name, shape, dtype, (start, chunk) -> System.arraycopy(values, (int) start, chunk, 0, chunk.length));
    }

    /** Adds a float tensor whose values {@code source} computes chunk by chunk while the file is written. */
    public SafeTensorsWriter addFloats(String name, long[] shape, DType dtype, FloatSource source) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dtype + " is not a floating-point dtype");
        }
        long bytes = checkedByteSize(name, dtype, shape);
        long count = bytes / dtype.byteSize();
        return enqueue(name, dtype, shape, bytes, out -> {
            float[] chunk = new float[(int) Math.min(CHUNK_ELEMENTS, count)];
            ByteBuffer buf = ByteBuffer.allocate(chunk.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (long start = 0; start < count; start += chunk.length) {
                int n = (int) Math.min(chunk.length, count - start);
                float[] part = n == chunk.length ? chunk : new float[n];
                source.fill(start, part);
                buf.clear();
                for (float v : part) {
                    switch (dtype) {
                        case F32 -> buf.putFloat(v);
                        case F64 -> buf.putDouble(v);
                        case F16 -> buf.putShort(Float.floatToFloat16(v));
                        case BF16 -> buf.putShort(toBFloat16(v));
                        default -> throw new AssertionError(dtype);
                    }
                }
                writeAll(out, buf.flip());
            }
        });
    }

    /** Adds {@code values} as I32. */
    public SafeTensorsWriter addInts(String name, long[] shape, int[] values) {
        long bytes = checkedByteSize(name, DType.I32, shape);
        if (bytes != 4L * values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " holds "
                    + bytes / 4 + " elements, but " + values.length + " values are given");
        }
        return add(name, DType.I32, shape, MemorySegment.ofArray(toLittleEndian(values)));
    }

    /** Writes the file (replacing any existing one) and returns its path. */
    public Path write() {
        byte[] header = headerBytes();
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeAll(out, len);
                writeAll(out, ByteBuffer.wrap(header));
                for (Pending p : tensors) {
                    long before = out.position();
                    p.data().writeTo(out);
                    if (out.position() - before != p.byteSize()) {
                        throw new IllegalStateException("tensor '" + p.name() + "' wrote " + (out.position() - before)
                                + " bytes, expected " + p.byteSize());
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Float to bfloat16 bits, rounding to nearest with ties to even; NaN stays a (quiet) NaN. */
    public static short toBFloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    /** The header JSON, space-padded so that 8 + its length is a multiple of 8. */
    private byte[] headerBytes() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Pending p : tensors) {
            ObjectNode entry = root.putObject(p.name());
            entry.put("dtype", p.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : p.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + p.byteSize());
            offset += p.byteSize();
        }
        byte[] text = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        byte[] out = Arrays.copyOf(text, padded);
        Arrays.fill(out, text.length, padded, (byte) ' ');
        return out;
    }

    private SafeTensorsWriter enqueue(String name, DType dtype, long[] shape, long bytes, DataWriter data) {
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        tensors.add(new Pending(name, dtype, shape.clone(), bytes, data));
        return this;
    }

    private static long checkedByteSize(String name, DType dtype, long[] shape) {
        long count = Tensor.elementCount(shape);
        if (count < 0 || count > Long.MAX_VALUE / dtype.byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "': invalid shape " + Arrays.toString(shape));
        }
        return count * dtype.byteSize();
    }

    private static byte[] toLittleEndian(int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return buf.array();
    }

    private static void writeAll(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
