package io.github.asr4j.model;

import io.github.asr4j.ModelLoadException;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.MissingTensorException;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * Looks tensors up by their Hugging Face name, checks dtype and shape against what the
 * configuration implies, and hands them to the backend. Every failure names the tensor, the
 * checkpoint, and the expected and actual shape.
 *
 * <p>Matrices stay in their stored dtype (the backend widens inside its kernels); vectors (biases,
 * layer norms) and the small position tables become F32 buffers of the backend.
 *
 * <p>Public for the other model families in this module (not exported).
 */
public final class WeightBinder {
    private final SafeTensors weights;
    private final Backend backend;

    public WeightBinder(SafeTensors weights, Backend backend) {
        this.weights = weights;
        this.backend = backend;
    }

    /** A {@code [rows, cols]} weight matrix in its stored dtype. */
    public Backend.Matrix matrix(String name, int rows, int cols) {
        return backend.matrix(tensor(name, rows, cols));
    }

    /** {@code name} when the checkpoint has it (checked like {@link #matrix}), otherwise empty. */
    public Optional<Backend.Matrix> optionalMatrix(String name, int rows, int cols) {
        return weights.find(name).map(t -> backend.matrix(checked(t, rows, cols)));
    }

    /** An {@code [out, in, kernelSize]} convolution kernel. */
    Backend.ConvKernel convKernel(String name, int outChannels, int inChannels, int kernelSize) {
        return backend.convKernel(tensor(name, outChannels, inChannels, kernelSize));
    }

    /** A square {@code [out, in, k, k]} conv2d kernel. */
    public Backend.ConvKernel conv2dKernel(String name, int outChannels, int inChannels, int kernelSize) {
        return backend.convKernel(tensor(name, outChannels, inChannels, kernelSize, kernelSize));
    }

    /** A vector {@code [n]} in the backend, as a {@code [1, n]} F32 buffer (biases, norms). */
    public Buffer vector(String name, int n) {
        return backend.upload(tensor(name, n).toFloatArray(), 1, n);
    }

    /** A {@code [rows, cols]} table in the backend as an F32 buffer (position embeddings). */
    Buffer table(String name, int rows, int cols) {
        return backend.upload(tensor(name, rows, cols).toFloatArray(), rows, cols);
    }

    /** {@code prefix.weight} and {@code prefix.bias} of a linear layer; {@code withBias} false for {@code k_proj}. */
    Linear linear(String prefix, int out, int in, boolean withBias) {
        return new Linear(matrix(prefix + ".weight", out, in), withBias ? vector(prefix + ".bias", out) : null);
    }

    LayerNorm layerNorm(String prefix, int dim) {
        return new LayerNorm(vector(prefix + ".weight", dim), vector(prefix + ".bias", dim));
    }

    Attention attention(String prefix, int dim, int heads) {
        return new Attention(
                linear(prefix + ".q_proj", dim, dim, true),
                linear(prefix + ".k_proj", dim, dim, false),
                linear(prefix + ".v_proj", dim, dim, true),
                linear(prefix + ".out_proj", dim, dim, true), heads);
    }

    private Tensor tensor(String name, int... shape) {
        Tensor t;
        try {
            t = weights.tensor(name);
        } catch (MissingTensorException e) {
            throw new ModelLoadException(weights.source() + ": the checkpoint has no tensor '" + name
                    + "' (expected shape " + Arrays.toString(shape) + ")", e);
        }
        return checked(t, shape);
    }

    private Tensor checked(Tensor t, int... shape) {
        long[] expected = Arrays.stream(shape).asLongStream().toArray();
        if (!Arrays.equals(t.shape(), expected)) {
            throw new ModelLoadException(weights.source() + ": tensor '" + t.name() + "' has shape "
                    + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(expected)
                    + " from config.json");
        }
        if (t.dtype() != DType.F32 && t.dtype() != DType.F16 && t.dtype() != DType.BF16) {
            throw new ModelLoadException(weights.source() + ": tensor '" + t.name() + "' is " + t.dtype()
                    + ", expected F32, F16 or BF16");
        }
        requireFiniteSample(t);
        return t;
    }

    /**
     * A broken export (NaN or infinite weights) would otherwise decode into plausible-looking
     * garbage; checking {@value #SAMPLES} evenly spread elements per tensor catches a tensor that
     * is wholly or largely non-finite, at a cost of microseconds per tensor.
     */
    private void requireFiniteSample(Tensor t) {
        long n = t.elementCount();
        long step = Math.max(1, n / SAMPLES);
        for (long i = 0; i < n; i += step) {
            float v = t.getFloat(i);
            if (!Float.isFinite(v)) {
                throw new ModelLoadException(weights.source() + ": tensor '" + t.name() + "' holds " + v
                        + " at element " + i + "; weights must be finite (a broken conversion or export?)");
            }
        }
    }

    private static final int SAMPLES = 1024;
}
