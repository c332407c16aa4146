package io.github.asr4j.benchmarks;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A decoder step's cross-attention: {@code queries} rows (one per beam, through
 * {@link Backend#attentionEach} as beam search calls it) against one window's keys and values
 * {@code [1500, 768]}, 12 heads, in an F32, F16 or Q8 cache, the keys in the layout
 * {@link Backend#allocateKeys} gives them, as the decoder allocates its cross-attention keys
 * ({@code keyLayout = tiles}: 16-key tiles for F16 and Q8 on the CPU), or in a plain buffer's rows
 * ({@code rows}; Q8 keys in rows are read back whole per call, not a decoder's case). Six caches
 * (the card's decoder layers, 55 MB in F32, 28 MB in F16, 16 MB in Q8: mostly inside a 32 MB L3)
 * are cycled.
 *
 * <p>{@code qwenSelfAttention}: a Qwen3-ASR 0.6B greedy step's self-attention late in a long
 * prompt: one query, 16 query heads over 8 KV heads of 128 (GQA), causal over 700 positions of an
 * F32 cache; its 28 layers' caches (160 MB) cycled.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class DecoderAttentionBenchmark {
    static final int FRAMES = 1500;
    static final int WIDTH = 768;
    static final int HEADS = 12;
    static final int LAYERS = 6;

    @State(Scope.Benchmark)
    public static class Caches {
        @Param({"F32", "F16", "Q8"})
        public String cache;

        @Param({"1", "5"})
        public int queries;

        @Param({"1", "2"})
        public int threads;

        @Param({"tiles", "rows"})
        public String keyLayout;

        Backend backend;
        Buffer[] keys;
        Buffer[] values;
        Buffer q;
        Buffer out;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu(threads);
            BufferType type = BufferType.valueOf(cache);
            keys = new Buffer[LAYERS];
            values = new Buffer[LAYERS];
            for (int l = 0; l < LAYERS; l++) {
                keys[l] = filled(backend, type, 2L * l, keyLayout.equals("tiles"));
                values[l] = filled(backend, type, 2L * l + 1, false);
            }
            q = backend.upload(Weights.random(queries * WIDTH, 0.5f, 99), queries, WIDTH);
            out = backend.allocate(queries, WIDTH, BufferType.F32);
        }

        /** A {@link #FRAMES}-row cache of random values ({@code seed}), keys in the backend's layout for keys when {@code tiles}. */
        static Buffer filled(Backend backend, BufferType type, long seed, boolean tiles) {
            Buffer host = backend.upload(Weights.random(FRAMES * WIDTH, 0.5f, seed), FRAMES, WIDTH);
            Buffer b = tiles ? backend.allocateKeys(FRAMES, WIDTH, type) : backend.allocate(FRAMES, WIDTH, type);
            backend.copyRows(host, 0, b, 0, FRAMES);
            return b;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            backend.close();
        }

        /** One layer's attention, the next layer's cache each call. */
        Buffer attend() {
            int l = next;
            next = (next + 1) % LAYERS;
            if (queries == 1) {
                backend.attention(q, keys[l], values[l], FRAMES, HEADS, HEADS, AttentionMask.full(), out);
            } else {
                backend.attentionEach(q, keys[l], values[l], FRAMES, HEADS, HEADS, out);
            }
            return out;
        }
    }

    @Benchmark
    public Buffer crossAttention(Caches c) {
        return c.attend();
    }

    /**
     * A batch's step ({@code transcribeAll}): one query per window over that window's own F16
     * cache (keys in tiles), {@code windows} windows × {@link #LAYERS} layers (16 × 6 = 443 MB:
     * read from memory), one layer of every window per call; {@code grouped}: one
     * {@link Backend#attentionEach(Buffer, int[], Buffer[], Buffer[], int, int, int, Buffer)} call
     * ({@code true}) or one {@link Backend#attentionEach} per window, each row copied out and back
     * ({@code false}, the decoder's way before the grouped call).
     */
    @State(Scope.Benchmark)
    public static class Windows {
        @Param({"16"})
        public int windows;

        @Param({"2"})
        public int threads;

        @Param({"true", "false"})
        public boolean grouped;

        Backend backend;
        Buffer[][] keys;
        Buffer[][] values;
        Buffer q;
        Buffer out;
        int[] first;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu(threads);
            keys = new Buffer[LAYERS][windows];
            values = new Buffer[LAYERS][windows];
            for (int l = 0; l < LAYERS; l++) {
                for (int w = 0; w < windows; w++) {
                    long seed = 2L * (l * windows + w);
                    keys[l][w] = Caches.filled(backend, BufferType.F16, seed, true);
                    values[l][w] = Caches.filled(backend, BufferType.F16, seed + 1, false);
                }
            }
            q = backend.upload(Weights.random(windows * WIDTH, 0.5f, 99), windows, WIDTH);
            out = backend.allocate(windows, WIDTH, BufferType.F32);
            first = new int[windows + 1];
            for (int w = 0; w <= windows; w++) {
                first[w] = w;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            backend.close();
        }

        /** One layer of every window, the next layer each call. */
        Buffer attend() {
            int l = next;
            next = (next + 1) % LAYERS;
            if (grouped) {
                backend.attentionEach(q, first, keys[l], values[l], FRAMES, HEADS, HEADS, out);
                return out;
            }
            Buffer row = backend.allocate(1, WIDTH, BufferType.F32);
            Buffer result = backend.allocate(1, WIDTH, BufferType.F32);
            for (int w = 0; w < windows; w++) {
                backend.copyRows(q, w, row, 0, 1);
                backend.attentionEach(row, keys[l][w], values[l][w], FRAMES, HEADS, HEADS, result);
                backend.copyRows(result, 0, out, w, 1);
            }
            return out;
        }
    }

    @Benchmark
    public Buffer crossAttentionWindows(Windows w) {
        return w.attend();
    }

    @State(Scope.Benchmark)
    public static class QwenCaches {
        static final int POSITIONS = 700;
        static final int QWEN_HEADS = 16;
        static final int KV_HEADS = 8;
        static final int HEAD_DIM = 128;
        static final int QWEN_LAYERS = 28;

        @Param({"1", "2"})
        public int threads;

        Backend backend;
        Buffer[] keys;
        Buffer[] values;
        Buffer q;
        Buffer out;
        private int next;

        @Setup(Level.Trial)
        public void setUp() {
            backend = Backends.cpu(threads);
            int kvWidth = KV_HEADS * HEAD_DIM;
            keys = new Buffer[QWEN_LAYERS];
            values = new Buffer[QWEN_LAYERS];
            for (int l = 0; l < QWEN_LAYERS; l++) {
                keys[l] = backend.upload(Weights.random(POSITIONS * kvWidth, 0.5f, 2L * l), POSITIONS, kvWidth);
                values[l] = backend.upload(Weights.random(POSITIONS * kvWidth, 0.5f, 2L * l + 1), POSITIONS, kvWidth);
            }
            q = backend.upload(Weights.random(QWEN_HEADS * HEAD_DIM, 0.5f, 99), 1, QWEN_HEADS * HEAD_DIM);
            out = backend.allocate(1, QWEN_HEADS * HEAD_DIM, BufferType.F32);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            backend.close();
        }
    }

    /** One Qwen3-ASR layer's step self-attention, the next layer's cache each call. */
    @Benchmark
    public Buffer qwenSelfAttention(QwenCaches c) {
        int l = c.next;
        c.next = (l + 1) % QwenCaches.QWEN_LAYERS;
        c.backend.attention(c.q, c.keys[l], c.values[l], QwenCaches.POSITIONS, QwenCaches.QWEN_HEADS, QwenCaches.KV_HEADS,
                AttentionMask.causal(QwenCaches.POSITIONS - 1), c.out);
        return c.out;
    }
}
