package io.github.asr4j.benchmarks;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The backend, weight matrices and buffers of one {@code linear} shape; subclasses pick the shapes.
 *
 * <p>Matrix-vector calls (one row) cycle through enough copies of the weights to exceed the last-level cache
 * ({@value #STREAMED_BYTES} bytes in all), as a decoder step streams its ~100 M weights from memory:
 * one small matrix read again and again would be served from cache and overstate the speed.
 */
@State(Scope.Benchmark)
public abstract class LinearState {
    /** Far beyond any L3 of the machines this runs on. */
    static final long STREAMED_BYTES = 256L << 20;
    static final int MAX_COPIES = 64;

    Backend backend;
    Backend.Matrix[] weights;
    Buffer x;
    Buffer bias;
    Buffer y;
    /** Host copies of x and bias, for checking results. */
    float[] hostX;
    float[] hostBias;
    LinearShape dims;
    private int next;

    abstract String shapeParam();

    abstract String dtypeParam();

    abstract int threadsParam();

    @Setup(Level.Trial)
    public void setUp() {
        dims = LinearShape.parse(shapeParam());
        // INT8: F32 weights quantized at load (one byte per weight plus a float per block of 32).
        boolean int8 = dtypeParam().equals("INT8");
        DType dtype = int8 ? DType.F32 : DType.valueOf(dtypeParam());
        backend = int8 ? Backends.cpu(threadsParam(), WeightFormat.INT8) : Backends.cpu(threadsParam());
        double bytes = dims.weightBytes(int8 ? 1 : dtype.byteSize());
        // Matrix products over many rows reuse each weight many times (compute-bound): one copy will do.
        int copies = dims.rows() > 1 ? 1 : (int) Math.max(1, Math.min(MAX_COPIES, Math.ceil(STREAMED_BYTES / bytes)));
        weights = new Backend.Matrix[copies];
        for (int i = 0; i < copies; i++) {
            weights[i] = backend.matrix(Weights.matrix("w" + i, dtype, dims.out(), dims.in(), 1 + i));
        }
        hostX = Weights.random(dims.rows() * dims.in(), 1, 1000);
        hostBias = Weights.random(dims.out(), 0.02f, 1001);
        x = backend.upload(hostX, dims.rows(), dims.in());
        bias = backend.upload(hostBias, 1, dims.out());
        y = backend.allocate(dims.rows(), dims.out(), io.github.asr4j.kernels.BufferType.F32);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** The last output, on the host. */
    float[] output() {
        float[] out = new float[dims.rows() * dims.out()];
        backend.download(y, 0, dims.rows(), out);
        return out;
    }

    /** Row {@code r} of a weight matrix, widened to float, on the host. */
    float[] weightRow(Backend.Matrix w, int r) {
        Buffer row = backend.allocate(1, w.cols(), io.github.asr4j.kernels.BufferType.F32);
        backend.gather(w, new int[] {r}, row);
        float[] out = new float[w.cols()];
        backend.download(row, 0, 1, out);
        return out;
    }

    /** The matrix the next call uses. */
    Backend.Matrix currentWeight() {
        return weights[next];
    }

    /** One call with the next weight copy; returns the output so JMH keeps it alive. */
    Buffer linear() {
        Backend.Matrix w = weights[next];
        next = next + 1 == weights.length ? 0 : next + 1;
        backend.linear(x, w, bias, y);
        return y;
    }
}
