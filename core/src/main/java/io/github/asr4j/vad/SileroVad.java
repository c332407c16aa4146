package io.github.asr4j.vad;

import io.github.asr4j.AudioFormatException;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsException;
import io.github.asr4j.loader.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Silero VAD network (v5/v6, 16 kHz branch) in Java: one speech probability per window of
 * {@value #WINDOW} samples, read together with the {@value #CONTEXT} samples before it.
 *
 * <pre>
 * 576 samples ─reflect-pad 64─► STFT as a convolution (258 filters of 256, hop 128) ─► |·| [4, 129]
 *   ─► conv 129→128 ─► conv 128→64 /2 ─► conv 64→64 /2 ─► conv 64→128   (kernel 3, ReLU each)
 *   ─► LSTM cell (128, state carried across windows) ─► ReLU ─► 128→1 ─► sigmoid
 * </pre>
 *
 * <p>Immutable and thread-safe: the per-stream state lives in {@link Session}. Only the LSTM's
 * recurrence depends on earlier windows, so a session runs everything else for up to
 * {@value #BATCH} windows at once: the STFT, each convolution (as a matrix over three stacked time
 * steps) and the LSTM's input projection are one matrix product each through the kernels'
 * {@link Backend} (single-threaded), leaving a 512×128 matrix-vector product per window.
 */
public final class SileroVad implements AutoCloseable {
    public static final int SAMPLE_RATE = 16000;
    /** Samples per window at 16 kHz. */
    public static final int WINDOW = 512;
    /** Samples of the previous window prepended to each window. */
    public static final int CONTEXT = 64;
    /** Windows a session computes together where it is given them. */
    static final int BATCH = 64;
    static final int HIDDEN = 128;
    private static final int INPUT = CONTEXT + WINDOW;
    private static final int PAD = 64;
    private static final int FFT = 256;
    private static final int HOP = 128;
    private static final int BINS = FFT / 2 + 1;
    private static final int FRAMES = (INPUT + PAD - FFT) / HOP + 1;
    private static final int[] CONV_IN = {BINS, 128, 64, 64};
    private static final int[] CONV_OUT = {128, 64, 64, 128};
    private static final int[] CONV_STRIDE = {1, 2, 2, 1};
    private static final int KERNEL = 3;
    /** Every tensor the network reads, with its shape (all F32). */
    private static final Map<String, long[]> TENSORS = tensors();

    private final String name;
    private final Backend backend;
    private final Backend.Matrix stft;
    private final Backend.Matrix[] convs = new Backend.Matrix[4];
    private final Buffer[] convBias = new Buffer[4];
    private final Backend.Matrix inputProjection;
    private final Backend.Matrix recurrence;
    private final Buffer lstmBias;
    private final float[] headWeight;
    private final float headBias;

    private SileroVad(String name, SafeTensors weights) {
        requireTensors(weights); // a wrong file fails before any value is read or a backend is made
        this.name = name;
        this.backend = Backends.cpu(1);
        try {
            float[] basis = floats(weights, "stft.forward_basis_buffer");
            stft = matrix("stft.forward_basis_buffer", basis, 2 * BINS, FFT);
            for (int i = 0; i < 4; i++) {
                String w = "encoder." + i + ".reparam_conv.weight";
                float[] kernel = floats(weights, w);
                convs[i] = matrix(w, stackedTaps(kernel, CONV_OUT[i], CONV_IN[i]), CONV_OUT[i], KERNEL * CONV_IN[i]);
                convBias[i] = backend.upload(floats(weights, "encoder." + i + ".reparam_conv.bias"),
                        1, CONV_OUT[i]);
            }
            inputProjection = matrix("decoder.rnn.weight_ih",
                    floats(weights, "decoder.rnn.weight_ih"), 4 * HIDDEN, HIDDEN);
            recurrence = matrix("decoder.rnn.weight_hh",
                    floats(weights, "decoder.rnn.weight_hh"), 4 * HIDDEN, HIDDEN);
            float[] bih = floats(weights, "decoder.rnn.bias_ih");
            float[] bhh = floats(weights, "decoder.rnn.bias_hh");
            float[] bias = new float[4 * HIDDEN];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = bih[i] + bhh[i];
            }
            lstmBias = backend.upload(bias, 1, bias.length);
            headWeight = floats(weights, "decoder.decoder.2.weight");
            headBias = floats(weights, "decoder.decoder.2.bias")[0];
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /** The network shipped in the jar. */
    public static SileroVad load(VadModel model) {
        String resource = model.resource();
        byte[] bytes;
        try (InputStream in = SileroVad.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new VadModelException("the VAD weights " + resource + " are missing from the classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new VadModelException("cannot read the VAD weights " + resource + ": " + e, e);
        }
        return load(model.toString(), Path.of(resource), bytes);
    }

    /** A network from a safetensors file as asr4j's converter writes it. */
    public static SileroVad load(Path safetensors) {
        try {
            return load(safetensors.getFileName().toString(), safetensors, Files.readAllBytes(safetensors));
        } catch (IOException e) {
            throw new VadModelException("cannot read VAD weights " + safetensors + ": " + e, e);
        }
    }

    /** Weights already in memory; {@code source} names them in messages (also the fuzz tests' seam). */
    static SileroVad load(String name, Path source, byte[] bytes) {
        try (SafeTensors weights = SafeTensors.read(source, bytes)) {
            return new SileroVad(name, weights);
        } catch (SafeTensorsException e) {
            throw new VadModelException("cannot read VAD weights: " + e.getMessage(), e);
        }
    }

    /** A fresh stream: zero LSTM state and zero context, as Silero's {@code reset_states()}. */
    public Session newSession() {
        return new Session();
    }

    /** v5, v6, or the file name it was loaded from. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        backend.close();
    }

    /** One audio stream's LSTM state and context; not thread-safe (one per stream). */
    public final class Session {
        private final float[] input = new float[INPUT + PAD];
        private final float[] frames = new float[BATCH * FRAMES * FFT];
        private final float[] spectrum = new float[BATCH * FRAMES * 2 * BINS];
        private final float[][] activations = new float[5][];
        private final int[] lengths = new int[5];
        private final float[] taps;
        private final float[] projected = new float[BATCH * 4 * HIDDEN];
        private final float[] gates = new float[4 * HIDDEN];
        private final float[] hidden = new float[HIDDEN];
        private final float[] cell = new float[HIDDEN];

        private Session() {
            lengths[0] = FRAMES;
            int widest = 0;
            for (int i = 0; i < 4; i++) {
                lengths[i + 1] = (lengths[i] - 1) / CONV_STRIDE[i] + 1;
                widest = Math.max(widest, lengths[i + 1] * KERNEL * CONV_IN[i]);
            }
            if (lengths[4] != 1) {
                throw new IllegalStateException("the encoder should end in one frame, got " + lengths[4]);
            }
            for (int i = 0; i < 5; i++) {
                activations[i] = new float[BATCH * lengths[i] * (i == 0 ? BINS : CONV_OUT[i - 1])];
            }
            taps = new float[BATCH * widest];
        }

        /**
         * The speech probability of {@code samples[offset .. offset + 512)} (16 kHz, [-1, 1]),
         * advancing the state.
         *
         * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
         */
        public float probability(float[] samples, int offset) {
            float[] out = new float[1];
            probabilities(samples, offset, 1, out, 0);
            return out[0];
        }

        /**
         * The probabilities of {@code windows} consecutive windows from {@code samples[offset]}
         * into {@code out[outOffset ..]}, advancing the state: one {@link #probability} call per window,
         * computed together. The numbers agree with those calls to float rounding, not bit for bit: the
         * backend's products take other kernels (other summation orders) for other row counts, so a
         * caller that wants the same bits for the same audio keeps its batching fixed, as
         * {@link ProbabilityStream} does.
         *
         * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
         */
        public void probabilities(float[] samples, int offset, int windows, float[] out, int outOffset) {
            for (int done = 0; done < windows; done += BATCH) {
                int n = Math.min(BATCH, windows - done);
                requireFinite(samples, offset + done * WINDOW, n * WINDOW);
                encode(samples, offset + done * WINDOW, n);
                recur(n, out, outOffset + done);
            }
        }

        /** STFT magnitude and the four convolutions of {@code n} windows; leaves {@code activations[4]}. */
        private void encode(float[] samples, int offset, int n) {
            for (int w = 0; w < n; w++) {
                System.arraycopy(input, WINDOW, input, 0, CONTEXT); // the previous input's last 64 samples
                System.arraycopy(samples, offset + w * WINDOW, input, CONTEXT, WINDOW);
                for (int k = 0; k < PAD; k++) {
                    input[INPUT + k] = input[INPUT - 2 - k]; // reflection, edge not repeated
                }
                for (int t = 0; t < FRAMES; t++) {
                    System.arraycopy(input, t * HOP, frames, (w * FRAMES + t) * FFT, FFT);
                }
            }
            linear(frames, n * FRAMES, stft, null, spectrum);
            float[] magnitude = activations[0];
            for (int r = 0; r < n * FRAMES; r++) {
                for (int f = 0; f < BINS; f++) {
                    float re = spectrum[r * 2 * BINS + f];
                    float im = spectrum[r * 2 * BINS + BINS + f];
                    magnitude[r * BINS + f] = (float) Math.sqrt(re * re + im * im);
                }
            }
            for (int i = 0; i < 4; i++) {
                stackTaps(activations[i], n, lengths[i], CONV_IN[i], CONV_STRIDE[i], lengths[i + 1]);
                float[] y = activations[i + 1];
                linear(taps, n * lengths[i + 1], convs[i], convBias[i], y);
                for (int j = 0; j < n * lengths[i + 1] * CONV_OUT[i]; j++) {
                    y[j] = Math.max(y[j], 0f);
                }
            }
        }

        /**
         * Each output step's three input steps side by side ({@code [x(t·s-1), x(t·s), x(t·s+1)]},
         * zeros outside the window), so a kernel-3 convolution is one matrix product.
         */
        private void stackTaps(float[] x, int n, int length, int channels, int stride, int outLength) {
            int row = KERNEL * channels;
            for (int w = 0; w < n; w++) {
                for (int t = 0; t < outLength; t++) {
                    int dst = (w * outLength + t) * row;
                    for (int j = 0; j < KERNEL; j++) {
                        int step = t * stride + j - 1;
                        if (step < 0 || step >= length) {
                            Arrays.fill(taps, dst + j * channels, dst + (j + 1) * channels, 0f);
                        } else {
                            System.arraycopy(x, (w * length + step) * channels, taps, dst + j * channels, channels);
                        }
                    }
                }
            }
        }

        /** The LSTM cell window after window, then the head. */
        private void recur(int n, float[] out, int outOffset) {
            linear(activations[4], n, inputProjection, lstmBias, projected);
            for (int w = 0; w < n; w++) {
                linear(hidden, 1, recurrence, null, gates);
                float logit = headBias;
                for (int j = 0; j < HIDDEN; j++) { // PyTorch's gate order: input, forget, cell, output
                    int g = w * 4 * HIDDEN + j;
                    float in = sigmoid(projected[g] + gates[j]);
                    float forget = sigmoid(projected[g + HIDDEN] + gates[HIDDEN + j]);
                    float candidate = (float) Math.tanh(projected[g + 2 * HIDDEN] + gates[2 * HIDDEN + j]);
                    float output = sigmoid(projected[g + 3 * HIDDEN] + gates[3 * HIDDEN + j]);
                    cell[j] = forget * cell[j] + in * candidate;
                    hidden[j] = output * (float) Math.tanh(cell[j]);
                    logit += Math.max(hidden[j], 0f) * headWeight[j];
                }
                float p = sigmoid(logit);
                if (Float.isNaN(p)) { // finite weights can still overflow; a NaN would read as "no speech"
                    throw new VadModelException("VAD weights " + name + " produced a speech probability that is not a"
                            + " number (the network overflowed; are the weights in range?)");
                }
                out[outOffset + w] = p;
            }
        }

        /** Back to the start of a stream. */
        public void reset() {
            Arrays.fill(input, 0f);
            Arrays.fill(hidden, 0f);
            Arrays.fill(cell, 0f);
        }
    }

    private static void requireFinite(float[] samples, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new AudioFormatException("audio sample " + i + " is " + samples[i] + "; the VAD needs finite samples");
            }
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** {@code [out, in, 3]} to {@code [out, 3·in]} with column {@code j·in + c} holding tap j of channel c. */
    private static float[] stackedTaps(float[] kernel, int out, int in) {
        float[] m = new float[out * KERNEL * in];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int j = 0; j < KERNEL; j++) {
                    m[(o * KERNEL + j) * in + c] = kernel[(o * in + c) * KERNEL + j];
                }
            }
        }
        return m;
    }

    /** {@code y[rows, w.rows] = x[rows, w.cols] · Wᵀ + bias}: the network's arrays through the backend's buffers. */
    private void linear(float[] x, int rows, Backend.Matrix w, Buffer bias, float[] y) {
        int n = rows * w.cols();
        Buffer in = backend.upload(x.length == n ? x : Arrays.copyOf(x, n), rows, w.cols());
        Buffer out = backend.allocate(rows, w.rows(), BufferType.F32);
        backend.linear(in, w, bias, out);
        backend.download(out, 0, rows, y);
    }

    private Backend.Matrix matrix(String name, float[] values, int rows, int cols) {
        return backend.matrix(new Tensor(name, DType.F32, new long[] {rows, cols}, MemorySegment.ofArray(values)));
    }

    private static Map<String, long[]> tensors() {
        Map<String, long[]> t = new LinkedHashMap<>();
        t.put("stft.forward_basis_buffer", new long[] {2 * BINS, 1, FFT});
        for (int i = 0; i < 4; i++) {
            t.put("encoder." + i + ".reparam_conv.weight", new long[] {CONV_OUT[i], CONV_IN[i], KERNEL});
            t.put("encoder." + i + ".reparam_conv.bias", new long[] {CONV_OUT[i]});
        }
        t.put("decoder.rnn.weight_ih", new long[] {4 * HIDDEN, HIDDEN});
        t.put("decoder.rnn.weight_hh", new long[] {4 * HIDDEN, HIDDEN});
        t.put("decoder.rnn.bias_ih", new long[] {4 * HIDDEN});
        t.put("decoder.rnn.bias_hh", new long[] {4 * HIDDEN});
        t.put("decoder.decoder.2.weight", new long[] {1, HIDDEN, 1});
        t.put("decoder.decoder.2.bias", new long[] {1});
        return Collections.unmodifiableMap(t);
    }

    /**
     * Checks that {@code weights} hold every tensor the network reads, as F32 of its shape, reading no value.
     *
     * @throws VadModelException naming the first tensor missing or of another type or shape
     */
    static void requireTensors(SafeTensors weights) {
        for (String name : TENSORS.keySet()) {
            tensor(weights, name);
        }
    }

    private static Tensor tensor(SafeTensors weights, String name) {
        long[] shape = TENSORS.get(name);
        Tensor t = weights.find(name).orElseThrow(() -> new VadModelException(weights.source()
                + ": not Silero VAD weights: tensor '" + name + "' is missing"));
        if (!Arrays.equals(t.shape(), shape) || t.dtype() != DType.F32) {
            throw new VadModelException(weights.source() + ": tensor '" + name + "' is " + t.dtype() + " "
                    + Arrays.toString(t.shape()) + ", expected F32 " + Arrays.toString(shape));
        }
        return t;
    }

    private static float[] floats(SafeTensors weights, String name) {
        Tensor t = tensor(weights, name);
        float[] values = t.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) { // a few hundred thousand values: all of them are checked
                throw new VadModelException(weights.source() + ": tensor '" + name + "' holds " + values[i]
                        + " at element " + i + "; weights must be finite");
            }
        }
        return values;
    }
}
