package io.github.asr4j.vad;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
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
 * <p>Immutable and thread-safe: the per-stream state lives in {@link Session}. Each matrix product
 * is one call of the kernels' {@link Backend} (single-threaded: the matrices are tiny).
 */
public final class SileroVad implements AutoCloseable {
    public static final int SAMPLE_RATE = 16000;
    /** Samples per window at 16 kHz. */
    public static final int WINDOW = 512;
    /** Samples of the previous window prepended to each window. */
    public static final int CONTEXT = 64;
    static final int HIDDEN = 128;
    private static final int INPUT = CONTEXT + WINDOW;
    private static final int PAD = 64;
    private static final int FFT = 256;
    private static final int HOP = 128;
    private static final int BINS = FFT / 2 + 1;
    private static final int FRAMES = (INPUT + PAD - FFT) / HOP + 1;
    private static final int[] CONV_STRIDES = {1, 2, 2, 1};
    private static final int[] CONV_OUT = {128, 64, 64, 128};

    private final String name;
    private final Backend backend;
    private final Backend.Matrix stft;
    private final Backend.ConvKernel[] convs = new Backend.ConvKernel[4];
    private final float[][] convBias = new float[4][];
    private final Backend.Matrix lstm;
    private final float[] lstmBias;
    private final float[] headWeight;
    private final float headBias;

    private SileroVad(String name, SafeTensors weights) {
        this.name = name;
        this.backend = Backends.cpu(1);
        try {
            stft = backend.matrix(reshaped(weights, "stft.forward_basis_buffer", new long[] {258, 1, 256}, 258, 256));
            long[][] convShapes = {{128, 129, 3}, {64, 128, 3}, {64, 64, 3}, {128, 64, 3}};
            for (int i = 0; i < 4; i++) {
                convs[i] = backend.convKernel(tensor(weights, "encoder." + i + ".reparam_conv.weight", convShapes[i]));
                convBias[i] = floats(weights, "encoder." + i + ".reparam_conv.bias", new long[] {CONV_OUT[i]});
            }
            // one [512, 256] matrix over [x; h]: W_ih and W_hh side by side, their biases summed
            float[] wih = floats(weights, "decoder.rnn.weight_ih", new long[] {4 * HIDDEN, HIDDEN});
            float[] whh = floats(weights, "decoder.rnn.weight_hh", new long[] {4 * HIDDEN, HIDDEN});
            float[] joined = new float[4 * HIDDEN * 2 * HIDDEN];
            for (int r = 0; r < 4 * HIDDEN; r++) {
                System.arraycopy(wih, r * HIDDEN, joined, r * 2 * HIDDEN, HIDDEN);
                System.arraycopy(whh, r * HIDDEN, joined, r * 2 * HIDDEN + HIDDEN, HIDDEN);
            }
            lstm = backend.matrix(new Tensor("decoder.rnn.weight", DType.F32, new long[] {4 * HIDDEN, 2 * HIDDEN},
                    MemorySegment.ofArray(joined)));
            float[] bih = floats(weights, "decoder.rnn.bias_ih", new long[] {4 * HIDDEN});
            float[] bhh = floats(weights, "decoder.rnn.bias_hh", new long[] {4 * HIDDEN});
            lstmBias = new float[4 * HIDDEN];
            for (int i = 0; i < lstmBias.length; i++) {
                lstmBias[i] = bih[i] + bhh[i];
            }
            headWeight = floats(weights, "decoder.decoder.2.weight", new long[] {1, HIDDEN, 1});
            headBias = floats(weights, "decoder.decoder.2.bias", new long[] {1})[0];
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
            // read, not mapped: the backend's matrices keep the tensors' memory
            return load(safetensors.getFileName().toString(), safetensors, Files.readAllBytes(safetensors));
        } catch (IOException e) {
            throw new VadModelException("cannot read VAD weights " + safetensors + ": " + e, e);
        }
    }

    private static SileroVad load(String name, Path source, byte[] bytes) {
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
        private final float[] frames = new float[FRAMES * FFT];
        private final float[] spectrum = new float[FRAMES * 2 * BINS];
        private final float[][] activations = new float[5][];
        private final float[] xh = new float[2 * HIDDEN];
        private final float[] gates = new float[4 * HIDDEN];
        private final float[] cell = new float[HIDDEN];

        private Session() {
            activations[0] = new float[FRAMES * BINS];
            int length = FRAMES;
            for (int i = 0; i < 4; i++) {
                length = (length - 1) / CONV_STRIDES[i] + 1;
                activations[i + 1] = new float[length * CONV_OUT[i]];
            }
            if (length != 1) {
                throw new IllegalStateException("the encoder should end in one frame, got " + length);
            }
        }

        /**
         * The speech probability of {@code samples[offset .. offset + 512)} (16 kHz, [-1, 1]),
         * advancing the state.
         *
         * @throws io.github.asr4j.AudioFormatException naming the first sample that is not finite
         */
        public float probability(float[] samples, int offset) {
            for (int i = 0; i < WINDOW; i++) {
                float v = samples[offset + i];
                if (!Float.isFinite(v)) {
                    throw new io.github.asr4j.AudioFormatException("audio sample " + (offset + i) + " is " + v
                            + "; the VAD needs finite samples");
                }
            }
            System.arraycopy(input, WINDOW, input, 0, CONTEXT); // the last 64 samples of the previous input
            System.arraycopy(samples, offset, input, CONTEXT, WINDOW);
            for (int k = 0; k < PAD; k++) {
                input[INPUT + k] = input[INPUT - 2 - k]; // reflection, edge not repeated
            }
            for (int t = 0; t < FRAMES; t++) {
                System.arraycopy(input, t * HOP, frames, t * FFT, FFT);
            }
            backend.linear(frames, FRAMES, stft, null, spectrum);
            float[] magnitude = activations[0];
            for (int t = 0; t < FRAMES; t++) {
                for (int f = 0; f < BINS; f++) {
                    float re = spectrum[t * 2 * BINS + f];
                    float im = spectrum[t * 2 * BINS + BINS + f];
                    magnitude[t * BINS + f] = (float) Math.sqrt(re * re + im * im);
                }
            }
            int length = FRAMES;
            for (int i = 0; i < 4; i++) {
                backend.conv1d(activations[i], length, convs[i], convBias[i], CONV_STRIDES[i], activations[i + 1]);
                length = (length - 1) / CONV_STRIDES[i] + 1;
                relu(activations[i + 1]);
            }
            System.arraycopy(activations[4], 0, xh, 0, HIDDEN);
            backend.linear(xh, 1, lstm, lstmBias, gates);
            float logit = headBias;
            for (int j = 0; j < HIDDEN; j++) { // PyTorch's gate order: input, forget, cell, output
                float in = sigmoid(gates[j]);
                float forget = sigmoid(gates[HIDDEN + j]);
                float candidate = (float) Math.tanh(gates[2 * HIDDEN + j]);
                float out = sigmoid(gates[3 * HIDDEN + j]);
                cell[j] = forget * cell[j] + in * candidate;
                float h = out * (float) Math.tanh(cell[j]);
                xh[HIDDEN + j] = h;
                logit += Math.max(h, 0f) * headWeight[j];
            }
            return sigmoid(logit);
        }

        /** Back to the start of a stream. */
        public void reset() {
            Arrays.fill(input, 0f);
            Arrays.fill(xh, 0f);
            Arrays.fill(cell, 0f);
        }
    }

    private static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    private static Tensor tensor(SafeTensors weights, String name, long[] shape) {
        Tensor t = weights.find(name).orElseThrow(() -> new VadModelException(weights.source()
                + ": not Silero VAD weights: tensor '" + name + "' is missing"));
        if (!Arrays.equals(t.shape(), shape) || t.dtype() != DType.F32) {
            throw new VadModelException(weights.source() + ": tensor '" + name + "' is " + t.dtype() + " "
                    + Arrays.toString(t.shape()) + ", expected F32 " + Arrays.toString(shape));
        }
        return t;
    }

    private static float[] floats(SafeTensors weights, String name, long[] shape) {
        return tensor(weights, name, shape).toFloatArray();
    }

    /** The tensor's data under a 2-D shape (same elements). */
    private static Tensor reshaped(SafeTensors weights, String name, long[] shape, int rows, int cols) {
        return new Tensor(name, DType.F32, new long[] {rows, cols}, tensor(weights, name, shape).data());
    }
}
