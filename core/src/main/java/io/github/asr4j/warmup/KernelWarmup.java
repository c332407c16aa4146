package io.github.asr4j.warmup;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Supplier;

/**
 * Runs the vector kernels a model will use on small synthetic shapes, on a background thread, as soon
 * as a model is opened, so that the JIT has compiled them before the first real encoder pass needs
 * them.
 *
 * <p>Why: in a fresh JVM the kernels first run in C1 code, where every Vector API operation takes the
 * library's Java fallback (an array per operation). The C2 compiles that end this queue behind
 * hundreds of those fallback methods, which the slow kernels themselves make hot, so the first
 * Qwen3-ASR encoder pass on 11 s of audio took 3–4 s against 0.6 s warm. The model's loading (the
 * tokenizer, the voice detector's scan of the audio) runs on one thread and leaves the other core
 * free: this warm-up uses it to get the kernels compiled, with the branch profiles of the real
 * shapes (a linear over more than one depth block, with and without bias, whole and partial tiles).
 *
 * <p>It works on its own single-thread backend (so it never takes the model backend's worker pool,
 * and the model's results cannot depend on it: kernels compute each output in an order fixed by the
 * shapes alone), its own buffers and its own synthetic weights in the model's stored weight type,
 * and it ends after a fixed amount of work. Any failure is swallowed: the real load reports a broken
 * folder. The system property {@value #PROPERTY}{@code =false} turns it off.
 */
public final class KernelWarmup {
    /** {@code -Dasr4j.warmup=false} turns the warm-up off. */
    public static final String PROPERTY = "asr4j.warmup";

    /** Rounds of the op mix: enough calls for C2's invocation thresholds; seconds in C1, milliseconds in C2. */
    static final int ROUNDS = 300;

    /** The op mix of a model family. */
    public enum Family { WHISPER, QWEN3_ASR }

    private KernelWarmup() {}

    /** Whether {@value #PROPERTY} leaves the warm-up on (the default). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * Starts the warm-up for the model in {@code modelDir} on a daemon thread of minimum priority, or
     * returns null when it is turned off.
     *
     * @param backend makes the single-thread backend it runs on (closed at the end)
     */
    public static Thread start(Path modelDir, Family family, Supplier<Backend> backend) {
        if (!enabled()) {
            return null;
        }
        Thread t = new Thread(() -> {
            try (Backend b = backend.get()) {
                run(b, storedType(modelDir), family, ROUNDS);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme && !(vme instanceof OutOfMemoryError)) {
                    throw vme;
                }
                // a warm-up is an optimisation: the model's own load reports what is wrong
            }
        }, "asr4j-kernel-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** The stored type of the folder's largest floating-point tensor (its matrices' type), F32 when unreadable. */
    static DType storedType(Path modelDir) {
        try (SafeTensors st = SafeTensors.openFolder(modelDir)) {
            return st.names().stream().map(st::tensor).filter(t -> t.dtype().isFloating())
                    .max(Comparator.comparingLong(Tensor::elementCount)).map(Tensor::dtype).orElse(DType.F32);
        } catch (RuntimeException e) {
            return DType.F32;
        }
    }

    /**
     * {@code rounds} rounds of the family's op mix on {@code backend}, with weights stored as {@code weights}
     * (F32, F16 or BF16).
     */
    public static void run(Backend backend, DType weights, Family family, int rounds) {
        try (Arena arena = Arena.ofShared()) { // shared: a backend of several threads reads the weights
            Ops ops = new Ops(backend, arena, weights);
            for (int r = 0; r < rounds; r++) {
                if (family == Family.QWEN3_ASR) {
                    ops.qwenRound();
                } else {
                    ops.whisperRound();
                }
            }
        }
    }

    /**
     * The shapes: 12 heads of 64 (an encoder) or 6 query and 2 key/value heads of 128 (a Qwen3 text
     * decoder) over 768 columns; linears of 768 inputs (one whole depth block of the GEMM and a
     * partial one) and 80 outputs (a whole column block and a partial one); 13 rows (two whole row
     * strips and a partial one).
     */
    private static final class Ops {
        static final int ROWS = 13;
        static final int IN = 768;
        static final int OUT = 80;
        static final int HEAD = 64;
        static final int TEXT_HEAD = 128;
        static final int KV = 2 * TEXT_HEAD;

        final Backend b;
        final Backend.Matrix square;     // [IN, IN]
        final Backend.Matrix narrow;     // [OUT, IN]
        final Backend.Matrix kvProj;     // [KV, IN]
        final Backend.Matrix embed;      // [OUT, IN], also the vocabulary projection
        final Backend.ConvKernel conv2d; // [4, 1, 3, 3]
        final Backend.ConvKernel conv2dDeep; // [4, 4, 3, 3]
        final Backend.ConvKernel conv1d; // [IN, 8, 3]
        final Buffer gamma;
        final Buffer beta;
        final Buffer bias;
        final Buffer biasOut;
        final Buffer headGamma;
        final Buffer x;
        final Buffer h;
        final Buffer q;
        final Buffer k;
        final Buffer v;
        final Buffer kText;
        final Buffer vText;
        final Buffer oneK;
        final Buffer attn;
        final Buffer y;
        final Buffer one;
        final Buffer oneOut;
        final Buffer oneQ;
        final Buffer oneAttn;
        final Buffer logits;
        final Buffer beams;
        final Buffer beamsAttn;
        final Buffer k16;
        final Buffer v16;
        final Buffer image;
        final Buffer stem1;
        final Buffer stem2;
        final Buffer byTime;
        final Buffer audio;
        final Buffer convOut;
        final int[] ids = new int[ROWS];
        final int[] positions = new int[ROWS];
        final int[] onePosition = {ROWS};

        Ops(Backend b, Arena arena, DType weights) {
            this.b = b;
            square = b.matrix(tensor(arena, weights, "warmup.square", IN, IN));
            narrow = b.matrix(tensor(arena, weights, "warmup.narrow", OUT, IN));
            kvProj = b.matrix(tensor(arena, weights, "warmup.kv", KV, IN));
            embed = b.matrix(tensor(arena, weights, "warmup.embed", OUT, IN));
            conv2d = b.convKernel(tensor(arena, weights, "warmup.conv2d", 4, 1, 3, 3));
            conv2dDeep = b.convKernel(tensor(arena, weights, "warmup.conv2d_deep", 4, 4, 3, 3));
            conv1d = b.convKernel(tensor(arena, weights, "warmup.conv1d", IN, 8, 3));
            gamma = b.upload(values(IN, 1f), 1, IN);
            beta = b.upload(values(IN, 0f), 1, IN);
            bias = b.upload(values(IN, 0f), 1, IN);
            biasOut = b.upload(values(OUT, 0f), 1, OUT);
            headGamma = b.upload(values(TEXT_HEAD, 1f), 1, TEXT_HEAD);
            x = b.upload(values(ROWS * IN, 0f), ROWS, IN);
            h = b.allocate(ROWS, IN, BufferType.F32);
            q = b.allocate(ROWS, IN, BufferType.F32);
            k = b.allocate(ROWS, IN, BufferType.F32);
            v = b.allocate(ROWS, IN, BufferType.F32);
            kText = b.allocate(ROWS, KV, BufferType.F32);
            vText = b.allocate(ROWS, KV, BufferType.F32);
            oneK = b.allocate(1, KV, BufferType.F32);
            attn = b.allocate(ROWS, IN, BufferType.F32);
            y = b.allocate(ROWS, OUT, BufferType.F32);
            one = b.upload(values(IN, 0f), 1, IN);
            oneOut = b.allocate(1, IN, BufferType.F32);
            oneQ = b.allocate(1, IN, BufferType.F32);
            oneAttn = b.allocate(1, IN, BufferType.F32);
            logits = b.allocate(1, OUT, BufferType.F32);
            beams = b.upload(values(5 * IN, 0f), 5, IN);
            beamsAttn = b.allocate(5, IN, BufferType.F32);
            k16 = b.allocate(ROWS, IN, BufferType.F16);
            v16 = b.allocate(ROWS, IN, BufferType.F16);
            image = b.upload(values(16 * 20, 0f), 16, 20);               // 1 channel, 16 × 20
            stem1 = b.allocate(4 * 8, 10, BufferType.F32);               // 4 channels, 8 × 10
            stem2 = b.allocate(4 * 4, 5, BufferType.F32);                // 4 channels, 4 × 5
            byTime = b.allocate(5, 16, BufferType.F32);
            audio = b.upload(values(40 * 8, 0f), 40, 8);                 // 40 frames, 8 channels
            convOut = b.allocate(20, IN, BufferType.F32);
            for (int i = 0; i < ROWS; i++) {
                ids[i] = (i * 7) % OUT;
                positions[i] = i;
            }
        }

        /** The Qwen3-ASR encoder (conv stem, windowed attention, GELU MLP) and text decoder (prefill and one step). */
        void qwenRound() {
            b.conv2d(image, 16, conv2d, null, 2, 1, stem1);
            b.gelu(stem1);
            b.conv2d(stem1, 8, conv2dDeep, null, 2, 1, stem2);
            b.transpose(stem2, byTime);
            encoderLayer(AttentionMask.windowed(8, 0));
            // text decoder, prefill of ROWS tokens then one step
            b.gather(embed, ids, h);
            b.rmsNorm(x, gamma, 1e-6f, h);
            b.linear(h, square, null, q);
            b.linear(h, kvProj, null, kText);
            b.linear(h, kvProj, null, vText);
            b.rmsNorm(q, headGamma, 1e-6f, q);
            b.rmsNorm(kText, headGamma, 1e-6f, kText);
            b.rope(q, TEXT_HEAD, positions, 1e6f);
            b.rope(kText, TEXT_HEAD, positions, 1e6f);
            b.attention(q, kText, vText, ROWS, IN / TEXT_HEAD, KV / TEXT_HEAD, AttentionMask.causal(0), attn);
            b.linear(attn, square, null, h);
            b.add(x, h);
            b.linear(h, narrow, null, y);
            b.swiglu(h, q, h);
            b.rmsNorm(one, gamma, 1e-6f, oneOut);
            b.linear(oneOut, square, null, oneQ);
            b.linear(oneOut, kvProj, null, oneK);
            b.rmsNorm(oneQ, headGamma, 1e-6f, oneQ);
            b.rope(oneQ, TEXT_HEAD, onePosition, 1e6f);
            b.rope(oneK, TEXT_HEAD, onePosition, 1e6f);
            b.copyRows(oneK, 0, kText, ROWS - 1, 1);
            b.attention(oneQ, kText, vText, ROWS, IN / TEXT_HEAD, KV / TEXT_HEAD, AttentionMask.causal(ROWS - 1), oneAttn);
            b.swiglu(oneAttn, oneQ, oneOut);
            b.linear(oneOut, embed, null, logits);
            b.download(logits, 0, 1, new float[OUT]);
        }

        /** The Whisper encoder (conv stem, full attention) and decoder (prefill, F16 cache, beams over one cross cache). */
        void whisperRound() {
            b.conv1d(audio, conv1d, bias, 2, 1, convOut);
            b.gelu(convOut);
            encoderLayer(AttentionMask.full());
            b.layerNorm(x, gamma, beta, 1e-5f, h);
            b.linear(h, square, bias, q);
            b.scale(q, 0.125f);
            b.attention(q, k, v, ROWS, IN / HEAD, IN / HEAD, AttentionMask.causal(0), attn);
            b.copyRows(k, 0, k16, 0, ROWS);
            b.copyRows(v, 0, v16, 0, ROWS);
            b.layerNorm(one, gamma, beta, 1e-5f, oneOut);
            b.linear(oneOut, square, bias, oneQ);
            b.attention(oneQ, k16, v16, ROWS, IN / HEAD, IN / HEAD, AttentionMask.full(), oneAttn);
            b.attention(oneQ, k, v, ROWS, IN / HEAD, IN / HEAD, AttentionMask.full(), oneAttn);
            b.linear(beams, square, bias, beamsAttn);
            b.attentionEach(beamsAttn, k16, v16, ROWS, IN / HEAD, IN / HEAD, beams);
            b.attentionEach(beams, k, v, ROWS, IN / HEAD, IN / HEAD, beamsAttn);
            b.linear(oneOut, embed, null, logits);
            b.softmax(logits);
            b.download(logits, 0, 1, new float[OUT]);
        }

        /** One pre-norm encoder layer over ROWS rows with 64-wide heads. */
        private void encoderLayer(AttentionMask mask) {
            b.layerNorm(x, gamma, beta, 1e-5f, h);
            b.linear(h, square, bias, q);
            b.linear(h, square, bias, k);
            b.linear(h, square, bias, v);
            b.attention(q, k, v, ROWS, IN / HEAD, IN / HEAD, mask, attn);
            b.linear(attn, square, bias, h);
            b.add(x, h);
            b.linear(h, narrow, biasOut, y);
            b.gelu(y);
            b.linear(h, square, null, attn);
        }
    }

    private static float[] values(int n, float base) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = base + ((i * 37) % 101 - 50) * 1e-3f;
        }
        return a;
    }

    /** A synthetic weight of small values, stored as {@code dtype} (F16 and BF16 encoded from F32; anything else F32). */
    static Tensor tensor(Arena arena, DType dtype, String name, long... shape) {
        DType stored = dtype == DType.F16 || dtype == DType.BF16 ? dtype : DType.F32;
        long n = Tensor.elementCount(shape);
        MemorySegment data = arena.allocate(n * stored.byteSize(), 64);
        for (long i = 0; i < n; i++) {
            float f = ((i * 37) % 101 - 50) * 1e-3f;
            switch (stored) {
                case F16 -> data.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, Float.floatToFloat16(f));
                case BF16 -> data.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) (Float.floatToRawIntBits(f) >>> 16));
                default -> data.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, f);
            }
        }
        return new Tensor(name, stored, shape, data);
    }
}
