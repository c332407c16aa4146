package io.github.asr4j.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by SafeTensorsWriter read back bit for bit, with correct rounding to 16-bit floats. */
class SafeTensorsWriterTest {
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @Test
    void float32RoundTripKeepsEveryBit() {
        float[] values = {0f, -0f, 1.5f, -3.25e-3f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN};
        Path f = SafeTensorsWriter.create(dir.resolve("f32.safetensors"))
                .metadata("format", "pt")
                .addFloats("x", new long[] {2, 4}, values, DType.F32)
                .write();
        try (SafeTensors st = SafeTensors.open(f)) {
            Tensor x = st.tensor("x");
            assertThat(x.dtype()).isEqualTo(DType.F32);
            assertThat(x.shape()).containsExactly(2, 4);
            float[] back = x.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(Float.floatToRawIntBits(back[i])).as("element %d", i).isEqualTo(Float.floatToRawIntBits(values[i]));
            }
            assertThat(st.metadata()).containsExactly(Map.entry("format", "pt"));
        }
    }

    @Test
    void headerIsSpacePaddedSoDataStartsEightByteAligned() throws IOException {
        Path f = SafeTensorsWriter.create(dir.resolve("pad.safetensors"))
                .addFloats("abc", new long[] {1}, new float[] {1f}, DType.F32).write();
        byte[] bytes = Files.readAllBytes(f);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat((8 + headerLength) % 8).isZero();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{").matches("(?s)\\{.*\\} *");
        assertThat(bytes.length).isEqualTo(8 + headerLength + 4);
    }

    @Test
    void float16RoundsHalfToEven() {
        float oneUlp = 0x1p-10f; // float16 spacing just above 1
        float[] values = {
            1f + oneUlp / 2, // halfway between 1 (even) and 1+ulp (odd): rounds down to 1
            1f + 3 * oneUlp / 2, // halfway between 1+ulp (odd) and 1+2ulp (even): rounds up
            1f + oneUlp / 2 + 0x1p-20f, // just above halfway: rounds up
            65519f, // rounds to the largest float16, 65504
            65520f, // halfway to the next (infinite) step: overflows to infinity
            0x1p-25f, // half the smallest subnormal: ties to even, i.e. zero
            0x1.8p-24f, // 1.5 smallest subnormals: rounds to 2
            -2.5f,
        };
        short[] expected = {0x3C00, 0x3C02, 0x3C01, 0x7BFF, 0x7C00, 0x0000, 0x0002, (short) 0xC100};
        Path f = SafeTensorsWriter.create(dir.resolve("f16.safetensors"))
                .addFloats("h", new long[] {values.length}, values, DType.F16).write();
        try (SafeTensors st = SafeTensors.open(f)) {
            Tensor h = st.tensor("h");
            assertThat(h.dtype()).isEqualTo(DType.F16);
            for (int i = 0; i < values.length; i++) {
                assertThat(h.data().get(LE_SHORT, 2L * i)).as("element %d (%s)", i, values[i]).isEqualTo(expected[i]);
            }
            assertThat(h.getFloat(1)).isEqualTo(1f + 2 * oneUlp);
            assertThat(h.getFloat(7)).isEqualTo(-2.5f);
        }
    }

    @Test
    void bfloat16RoundsHalfToEven() {
        float ulp = 0x1p-7f; // bfloat16 spacing just above 1
        float[] values = {1f + ulp / 2, 1f + 3 * ulp / 2, 1f + ulp / 2 + 0x1p-20f, -0f, Float.MAX_VALUE, 3.140625f};
        short[] expected = {0x3F80, 0x3F82, 0x3F81, (short) 0x8000, 0x7F80, 0x4049};
        Path f = SafeTensorsWriter.create(dir.resolve("bf16.safetensors"))
                .addFloats("b", new long[] {2, 3}, values, DType.BF16).write();
        try (SafeTensors st = SafeTensors.open(f)) {
            Tensor b = st.tensor("b");
            for (int i = 0; i < values.length; i++) {
                assertThat(b.data().get(LE_SHORT, 2L * i)).as("element %d", i).isEqualTo(expected[i]);
            }
            assertThat(b.getFloat(5)).isEqualTo(3.140625f);
        }
        assertThat(Float.isNaN(Float.intBitsToFloat(SafeTensorsWriter.toBFloat16(Float.NaN) << 16))).isTrue();
        // a NaN whose payload sits only in the low bits must not truncate to infinity
        assertThat(Float.isNaN(Float.intBitsToFloat(SafeTensorsWriter.toBFloat16(Float.intBitsToFloat(0x7F800001)) << 16)))
                .isTrue();
    }

    @Test
    void int32AndRawSegmentsRoundTrip() {
        int[] ints = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 50258, 7};
        long[] longs = {Long.MIN_VALUE, 42};
        MemorySegment i64 = MemorySegment.ofArray(new byte[16]);
        for (int i = 0; i < longs.length; i++) {
            i64.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8L * i, longs[i]);
        }
        Path f = SafeTensorsWriter.create(dir.resolve("ints.safetensors"))
                .addInts("ids", new long[] {3, 2}, ints)
                .add("big", DType.I64, new long[] {2}, i64)
                .add("flags", DType.BOOL, new long[] {3}, MemorySegment.ofArray(new byte[] {1, 0, 1}))
                .write();
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.names()).containsExactly("ids", "big", "flags");
            assertThat(st.tensor("ids").dtype()).isEqualTo(DType.I32);
            assertThat(st.tensor("ids").toIntArray()).containsExactly(ints);
            assertThat(st.tensor("big").getLong(0)).isEqualTo(Long.MIN_VALUE);
            assertThat(st.tensor("big").getLong(1)).isEqualTo(42);
            assertThat(st.tensor("flags").getLong(2)).isEqualTo(1);
        }
    }

    @Test
    void copiesATensorFromAnOpenFile() {
        Path a = SafeTensorsWriter.create(dir.resolve("a.safetensors"))
                .addFloats("w", new long[] {3}, new float[] {1, 2, 3}, DType.F16).write();
        try (SafeTensors src = SafeTensors.open(a)) {
            Path b = SafeTensorsWriter.create(dir.resolve("b.safetensors")).add(src.tensor("w")).write();
            try (SafeTensors copy = SafeTensors.open(b)) {
                assertThat(copy.tensor("w").dtype()).isEqualTo(DType.F16);
                assertThat(copy.tensor("w").toFloatArray()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void streamedSourceCrossesChunkBoundaries() {
        int n = (1 << 17) + 3; // two full 64k chunks and a partial one
        Path f = SafeTensorsWriter.create(dir.resolve("stream.safetensors"))
                .addFloats("s", new long[] {n}, DType.F32, (start, chunk) -> {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = start + i;
                    }
                })
                .addFloats("d", new long[] {2}, new float[] {0.1f, -7f}, DType.F64)
                .write();
        try (SafeTensors st = SafeTensors.open(f)) {
            Tensor s = st.tensor("s");
            assertThat(IntStream.of(0, 65535, 65536, 131071, 131072, n - 1).allMatch(i -> s.getFloat(i) == i)).isTrue();
            assertThat(st.tensor("d").dtype()).isEqualTo(DType.F64);
            assertThat(st.tensor("d").getFloat(0)).isEqualTo(0.1f);
        }
    }

    @Test
    void rejectsInconsistentInput() {
        SafeTensorsWriter w = SafeTensorsWriter.create(dir.resolve("bad.safetensors"));
        assertThatThrownBy(() -> w.addFloats("x", new long[] {3}, new float[2], DType.F32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> w.add("y", DType.F32, new long[] {3}, MemorySegment.ofArray(new byte[8])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes");
        assertThatThrownBy(() -> w.addFloats("z", new long[] {1}, new float[1], DType.I32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a floating-point");
        w.addInts("ok", new long[] {1}, new int[] {1});
        assertThatThrownBy(() -> w.addInts("ok", new long[] {1}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added twice");
        assertThatThrownBy(() -> w.addInts("__metadata__", new long[] {1}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void failedWriteLeavesNoFileBehind() {
        Path target = dir.resolve("failed.safetensors");
        SafeTensorsWriter w = SafeTensorsWriter.create(target)
                .addFloats("x", new long[] {2}, DType.F32, (start, chunk) -> {
                    throw new IllegalStateException("source broke");
                });
        assertThatThrownBy(w::write).hasMessageContaining("source broke");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("failed.safetensors.partial")).doesNotExist();
    }
}
