package io.github.asr4j.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import io.github.asr4j.vad.SileroVad;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The reference: ONNX Runtime running the unchanged Silero ONNX file, one thread, fed as Silero's
 * own {@code OnnxWrapper} feeds it (64 samples of context before each 512-sample window, the
 * state carried from the previous call, {@code sr} = 16000).
 */
public final class OnnxSileroReference implements AutoCloseable {
    private static final int INPUT = SileroVad.CONTEXT + SileroVad.WINDOW;
    private static final int HIDDEN = 128;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final OnnxTensor sampleRate;
    private float[] state = new float[2 * HIDDEN];
    private final float[] input = new float[INPUT];

    public OnnxSileroReference(Path onnx) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(onnx.toString(), options);
        }
        sampleRate = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {SileroVad.SAMPLE_RATE}), new long[0]);
    }

    /** The probability of {@code samples[offset .. offset + 512)}, advancing the state. */
    public float probability(float[] samples, int offset) throws OrtException {
        System.arraycopy(input, SileroVad.WINDOW, input, 0, SileroVad.CONTEXT);
        System.arraycopy(samples, offset, input, SileroVad.CONTEXT, SileroVad.WINDOW);
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, INPUT});
             OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, HIDDEN});
             OrtSession.Result result = session.run(Map.of("input", x, "state", s, "sr", sampleRate))) {
            float p = ((float[][]) result.get("output").orElseThrow().getValue())[0][0];
            FloatBuffer next = ((OnnxTensor) result.get("stateN").orElseThrow()).getFloatBuffer();
            state = new float[next.remaining()];
            next.get(state);
            return p;
        }
    }

    /** One probability per window of the samples, the last window padded with zeros. */
    public float[] probabilities(float[] samples) throws OrtException {
        int windows = (samples.length + SileroVad.WINDOW - 1) / SileroVad.WINDOW;
        float[] padded = Arrays.copyOf(samples, windows * SileroVad.WINDOW);
        float[] out = new float[windows];
        for (int w = 0; w < out.length; w++) {
            out[w] = probability(padded, w * SileroVad.WINDOW);
        }
        return out;
    }

    @Override
    public void close() throws OrtException {
        sampleRate.close();
        session.close();
    }
}
