package io.github.asr4j.warmup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensorsWriter;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelWarmupTest {

    /** Every op of both families' mixes accepts the shapes given, for each stored type and each weight format. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16"})
    void everyOpMixRunsOnEveryStoredType(DType stored) {
        for (WeightFormat format : WeightFormat.values()) {
            for (KernelWarmup.Family family : KernelWarmup.Family.values()) {
                try (Backend b = Backends.cpu(1, format)) {
                    KernelWarmup.run(b, stored, family, 2);
                }
                try (Backend b = Backends.scalar(2, format)) {
                    KernelWarmup.run(b, stored, family, 1);
                }
            }
        }
    }

    @Test
    void syntheticWeightsAreStoredAsAskedAndRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor f32 = KernelWarmup.tensor(arena, DType.F32, "w", 3, 5);
            Tensor bf16 = KernelWarmup.tensor(arena, DType.BF16, "w", 3, 5);
            Tensor f16 = KernelWarmup.tensor(arena, DType.F16, "w", 3, 5);
            Tensor other = KernelWarmup.tensor(arena, DType.I8, "w", 3, 5);
            assertEquals(DType.BF16, bf16.dtype());
            assertEquals(DType.F16, f16.dtype());
            assertEquals(DType.F32, other.dtype());
            for (long i = 0; i < 15; i++) {
                float v = f32.getFloat(i);
                assertTrue(Math.abs(v) <= 0.05f, "synthetic weights are small: " + v);
                assertEquals(v, f16.getFloat(i), 1e-4f);
                assertEquals(v, bf16.getFloat(i), Math.abs(v) / 128 + 1e-9f);
            }
        }
    }

    @Test
    void storedTypeIsThatOfTheLargestFloatingTensor(@TempDir Path dir) {
        SafeTensorsWriter.create(dir.resolve("model.safetensors"))
                .addFloats("small", new long[] {4}, new float[4], DType.F32)
                .addFloats("big", new long[] {8, 8}, new float[64], DType.BF16)
                .addInts("ids", new long[] {100}, new int[100])
                .write();
        assertEquals(DType.BF16, KernelWarmup.storedType(dir));
        assertEquals(DType.F32, KernelWarmup.storedType(dir.resolve("missing")), "an unreadable folder falls back to F32");
    }

    /**
     * The warm-up touches nothing of the model: a model backend's results computed before, during and
     * after a warm-up running on another thread are bit-identical.
     */
    @Test
    void resultsAreBitIdenticalBeforeDuringAndAfterAWarmup(@TempDir Path dir) throws InterruptedException {
        SafeTensorsWriter.create(dir.resolve("model.safetensors"))
                .addFloats("w", new long[] {96, 640}, new float[96 * 640], DType.BF16).write();
        try (Backend model = Backends.cpu(2); Arena arena = Arena.ofShared()) {
            Backend.Matrix w = model.matrix(KernelWarmup.tensor(arena, DType.BF16, "w", 96, 640));
            float[] before = forward(model, w);
            AtomicBoolean ran = new AtomicBoolean();
            AtomicInteger backends = new AtomicInteger();
            Thread t = KernelWarmup.start(dir, KernelWarmup.Family.QWEN3_ASR, () -> {
                backends.incrementAndGet();
                ran.set(true);
                return Backends.cpu(1);
            });
            assertNotNull(t);
            assertTrue(t.isDaemon());
            assertEquals(Thread.MIN_PRIORITY, t.getPriority());
            float[] during = forward(model, w);
            t.join(120_000);
            assertFalse(t.isAlive(), "the warm-up ends on its own");
            assertTrue(ran.get());
            assertEquals(1, backends.get(), "one backend of its own");
            float[] after = forward(model, w);
            assertArrayEquals(before, during);
            assertArrayEquals(before, after);
        }
    }

    @Test
    void aFailingWarmupIsSwallowedAndThePropertyTurnsItOff(@TempDir Path dir) throws InterruptedException {
        Thread t = KernelWarmup.start(dir, KernelWarmup.Family.WHISPER, () -> {
            throw new IllegalStateException("no backend");
        });
        t.join(10_000);
        assertFalse(t.isAlive());
        String old = System.getProperty(KernelWarmup.PROPERTY);
        System.setProperty(KernelWarmup.PROPERTY, "false");
        try {
            assertFalse(KernelWarmup.enabled());
            assertNull(KernelWarmup.start(dir, KernelWarmup.Family.WHISPER, () -> Backends.cpu(1)));
        } finally {
            if (old == null) {
                System.clearProperty(KernelWarmup.PROPERTY);
            } else {
                System.setProperty(KernelWarmup.PROPERTY, old);
            }
        }
        assertTrue(KernelWarmup.enabled());
        assertTrue(Files.isDirectory(dir));
    }

    private static float[] forward(Backend b, Backend.Matrix w) {
        int n = 13;
        float[] xs = new float[n * 640];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) Math.sin(i * 0.37);
        }
        Buffer x = b.upload(xs, n, 640);
        Buffer y = b.allocate(n, 96, BufferType.F32);
        b.linear(x, w, null, y);
        Buffer q = b.allocate(n, 96, BufferType.F32);
        b.copyRows(y, 0, q, 0, n);
        b.rmsNorm(q, b.upload(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                1, 1, 1, 1, 1, 1, 1, 1}, 1, 32), 1e-6f, q);
        Buffer out = b.allocate(n, 96, BufferType.F32);
        b.attention(q, y, y, n, 3, 3, AttentionMask.causal(0), out);
        float[] result = new float[n * 96];
        b.download(out, 0, n, result);
        return result;
    }
}
