package io.github.asr4j.profile;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.Tensor;

/**
 * A backend that times every op of another and reports it to a {@link Profiler}, with the work
 * the op must do derived from its shapes ({@link OpCosts}); the model opens the pass, layer and
 * block spans through {@link Scopes}. An op is named after its block and what it does
 * ({@code self_attn.attention}, {@code mlp.fc1}); consecutive ops of one name (the Q, K and V
 * projections) are reported as one span.
 *
 * <p>One instance serves one forward pass on one thread (spans nest per thread).
 */
public final class ProfilingBackend implements Backend, Scopes {
    private final Backend delegate;
    private final Profiler profiler;
    private String block;
    /** The op span still open to absorb a next op of the same name, with its running costs. */
    private Span open;
    private String openName;
    private long openFlops;
    private long openBytes;

    private ProfilingBackend(Backend delegate, Profiler profiler) {
        this.delegate = delegate;
        this.profiler = profiler;
    }

    /** {@code backend} itself when the profiler is off, else a profiling view of it. */
    public static Backend wrap(Backend backend, Profiler profiler) {
        if (!profiler.enabled()) {
            return backend;
        }
        profiler.backend(backend.name(), backend.threads());
        return new ProfilingBackend(backend, profiler);
    }

    /** The scopes of a backend made by {@link #wrap}: its own when it profiles, else {@link Scopes#NONE}. */
    public static Scopes scopes(Backend backend) {
        return backend instanceof ProfilingBackend p ? p : Scopes.NONE;
    }

    // ------------------------------------------------------------------ scopes

    @Override
    public Span pass(String name) {
        flush();
        return scope(profiler.begin(name, SpanLevel.PASS));
    }

    @Override
    public Span layer(String name) {
        flush();
        return scope(profiler.begin(name, SpanLevel.LAYER));
    }

    @Override
    public Span block(String name) {
        flush();
        String outer = block;
        block = name;
        return new Span() {
            @Override
            public void end() {
                flush();
                block = outer;
            }

            @Override
            public void end(long flops, long bytes) {
                end();
            }
        };
    }

    /** A span that first ends the op still open inside it. */
    private Span scope(Span span) {
        return new Span() {
            @Override
            public void end() {
                flush();
                span.end();
            }

            @Override
            public void end(long flops, long bytes) {
                flush();
                span.end(flops, bytes);
            }
        };
    }

    private void begin(String op, OpType type) {
        String name = block == null ? op : block + "." + op;
        if (open != null && name.equals(openName)) {
            return;
        }
        flush();
        open = profiler.op(name, type);
        openName = name;
    }

    private void done(long flops, long bytes) {
        openFlops += flops;
        openBytes += bytes;
    }

    private void flush() {
        if (open != null) {
            open.end(openFlops, openBytes);
            open = null;
            openName = null;
            openFlops = 0;
            openBytes = 0;
        }
    }

    /** The part of a checkpoint name that says what a weight is: {@code fc1} for {@code model.encoder.layers.0.fc1.weight}. */
    static String shortName(String tensor) {
        String s = tensor.endsWith(".weight") ? tensor.substring(0, tensor.length() - ".weight".length()) : tensor;
        return s.substring(s.lastIndexOf('.') + 1);
    }

    /** The label and kind of a product with weight {@code w}. */
    private void beginLinear(Backend.Matrix w) {
        String role = shortName(w.name());
        switch (role) {
            case "q_proj", "k_proj", "v_proj" -> begin("qkv", OpType.QKV);
            case "out_proj", "o_proj" -> begin("out_proj", OpType.OUT_PROJ);
            case "fc1", "gate_proj", "up_proj" -> begin(role, OpType.MLP_UP);
            case "fc2", "down_proj" -> begin(role, OpType.MLP_DOWN);
            case "embed_tokens", "proj_out", "lm_head" -> begin("logits", OpType.LOGITS);
            default -> begin(role, OpType.MLP_UP);
        }
    }

    // ------------------------------------------------------------------ ops, timed

    @Override
    public void linear(Buffer x, Matrix w, Buffer bias, Buffer y) {
        beginLinear(w);
        delegate.linear(x, w, bias, y);
        doneLinear(x, w, bias);
    }

    /** One span, labelled by the first matrix (q, k and v: {@code qkv}). */
    @Override
    public void linears(Buffer x, Matrix[] w, Buffer[] bias, Buffer[] y) {
        if (w.length > 0) {
            beginLinear(w[0]);
        }
        delegate.linears(x, w, bias, y);
        for (int i = 0; i < w.length; i++) {
            doneLinear(x, w[i], bias == null ? null : bias[i]);
        }
    }

    @Override
    public void linearSwiglu(Buffer x, Matrix gate, Matrix up, Buffer out, Buffer scratch) {
        begin("gate_up", OpType.MLP_UP);
        delegate.linearSwiglu(x, gate, up, out, scratch);
        doneLinear(x, gate, null);
        doneLinear(x, up, null);
        done(OpCosts.SWIGLU_FLOPS_PER_ELEMENT * out.size(), 0);
    }

    private void doneLinear(Buffer x, Matrix w, Buffer bias) {
        long n = x.rows();
        done(OpCosts.matmulFlops(n, w.cols(), w.rows()),
                w.bytes() + (bias == null ? 0 : 4L * bias.cols()) + 4L * n * w.cols() + 4L * n * w.rows());
    }

    @Override
    public void matmul(Buffer a, boolean transA, Buffer b, boolean transB, Buffer c, float alpha, boolean accumulate) {
        begin("matmul", OpType.QKV);
        delegate.matmul(a, transA, b, transB, c, alpha, accumulate);
        long k = transA ? a.rows() : a.cols();
        done(OpCosts.matmulFlops(c.rows(), k, c.cols()), 4L * (a.size() + b.size() + c.size()));
    }

    @Override
    public void layerNorm(Buffer x, Buffer gamma, Buffer beta, float eps, Buffer y) {
        begin("layer_norm", OpType.LAYER_NORM);
        delegate.layerNorm(x, gamma, beta, eps, y);
        done(OpCosts.layerNormFlops(x.rows(), x.cols()), OpCosts.layerNormBytes(x.rows(), x.cols()));
    }

    @Override
    public void rmsNorm(Buffer x, Buffer gamma, float eps, Buffer y) {
        begin("rms_norm", OpType.LAYER_NORM);
        delegate.rmsNorm(x, gamma, eps, y);
        done(OpCosts.layerNormFlops(x.rows(), x.cols()), OpCosts.layerNormBytes(x.rows(), x.cols()));
    }

    @Override
    public void gelu(Buffer x) {
        begin("gelu", OpType.GELU);
        delegate.gelu(x);
        done(OpCosts.geluFlops(x.size()), OpCosts.geluBytes(x.size()));
    }

    @Override
    public void swiglu(Buffer gate, Buffer up, Buffer out) {
        begin("swiglu", OpType.GELU);
        delegate.swiglu(gate, up, out);
        done(OpCosts.SWIGLU_FLOPS_PER_ELEMENT * gate.size(), 12 * gate.size());
    }

    @Override
    public void softmax(Buffer x) {
        begin("softmax", OpType.ATTENTION);
        delegate.softmax(x);
        done(OpCosts.SOFTMAX_FLOPS_PER_SCORE * x.size(), 8 * x.size());
    }

    @Override
    public void rope(Buffer x, int headDim, int[] positions, float base) {
        begin("rope", OpType.QKV);
        delegate.rope(x, headDim, positions, base);
        done(OpCosts.ROPE_FLOPS_PER_ELEMENT * x.size(), 8 * x.size());
    }

    @Override
    public void add(Buffer acc, Buffer b) {
        begin("residual", OpType.RESIDUAL);
        delegate.add(acc, b);
        done(OpCosts.addFlops(acc.size()), OpCosts.addBytes(acc.size()));
    }

    @Override
    public void scale(Buffer x, float factor) {
        begin("scale", OpType.RESIDUAL);
        delegate.scale(x, factor);
        done(x.size(), 8 * x.size());
    }

    @Override
    public void attention(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer out) {
        begin("attention", OpType.ATTENTION);
        delegate.attention(q, k, v, nkv, heads, kvHeads, mask, out);
        int headDim = q.cols() / heads;
        done(scores(q.rows(), nkv, mask) * heads * (4L * headDim + OpCosts.SOFTMAX_FLOPS_PER_SCORE),
                OpCosts.attentionBytes(q.rows(), q.cols(), nkv, k.cols(), k.type()));
    }

    @Override
    public void attentionEach(Buffer q, Buffer k, Buffer v, int nkv, int heads, int kvHeads, Buffer out) {
        begin("attention", OpType.ATTENTION);
        delegate.attentionEach(q, k, v, nkv, heads, kvHeads, out);
        int headDim = q.cols() / heads;
        done((long) q.rows() * nkv * heads * (4L * headDim + OpCosts.SOFTMAX_FLOPS_PER_SCORE),
                OpCosts.attentionBytes(q.rows(), q.cols(), nkv, k.cols(), k.type()));
    }

    @Override
    public void attentionEach(Buffer q, int[] first, Buffer[] k, Buffer[] v, int nkv, int heads, int kvHeads, Buffer out) {
        begin("attention", OpType.ATTENTION);
        delegate.attentionEach(q, first, k, v, nkv, heads, kvHeads, out);
        int headDim = q.cols() / heads;
        long bytes = 0;
        for (int g = 0; g < k.length; g++) {
            int n = first[g + 1] - first[g];
            bytes += n == 0 ? 0 : OpCosts.attentionBytes(n, q.cols(), nkv, k[g].cols(), k[g].type());
        }
        done((long) q.rows() * nkv * heads * (4L * headDim + OpCosts.SOFTMAX_FLOPS_PER_SCORE), bytes);
    }

    @Override
    public void attentionWeights(Buffer q, Buffer k, int nkv, int heads, int kvHeads, AttentionMask mask, Buffer weights) {
        begin("weights", OpType.ATTENTION_WEIGHTS);
        delegate.attentionWeights(q, k, nkv, heads, kvHeads, mask, weights);
        done(0, 0);
    }

    /** Scores the mask lets the queries see, summed over the query rows. */
    static long scores(int nq, int nkv, AttentionMask mask) {
        if (mask.kind() != AttentionMask.Kind.WINDOWED) {
            return OpCosts.scores(nq, nkv, mask.kind() == AttentionMask.Kind.CAUSAL, mask.past());
        }
        long s = 0;
        for (int i = 0; i < nq; i++) {
            s += mask.endKey(i, nkv) - mask.firstKey(i);
        }
        return s;
    }

    @Override
    public void conv1d(Buffer x, ConvKernel w, Buffer bias, int stride, int padding, Buffer y) {
        begin(shortName(w.name()), OpType.CONV);
        delegate.conv1d(x, w, bias, stride, padding, y);
        done(OpCosts.convFlops(y.rows(), w.outChannels(), w.inChannels(), w.size()),
                OpCosts.convBytes(x.rows(), y.rows(), w.outChannels(), w.inChannels(), w.size()));
    }

    @Override
    public void conv2d(Buffer x, int height, ConvKernel w, Buffer bias, int stride, int padding, Buffer y) {
        begin(shortName(w.name()), OpType.CONV);
        delegate.conv2d(x, height, w, bias, stride, padding, y);
        long inputs = x.size() / w.inChannels();
        long outputs = y.size() / w.outChannels();
        done(OpCosts.convFlops(outputs, w.outChannels(), w.inChannels(), w.size() * w.size()),
                OpCosts.convBytes(inputs, outputs, w.outChannels(), w.inChannels(), w.size() * w.size()));
    }

    @Override
    public void gather(Matrix table, int[] ids, Buffer out) {
        begin(shortName(table.name()), OpType.EMBEDDING);
        delegate.gather(table, ids, out);
        done(0, (table.bytes() / Math.max(1, table.rows()) + 4L * out.cols()) * ids.length);
    }

    @Override
    public void gather(Buffer table, int[] rows, Buffer out) {
        begin("gather", OpType.EMBEDDING);
        delegate.gather(table, rows, out);
        done(0, 8L * out.size());
    }

    @Override
    public void copyRows(Buffer src, int srcRow, Buffer dst, int dstRow, int rows) {
        begin("copy", OpType.COPY);
        delegate.copyRows(src, srcRow, dst, dstRow, rows);
        done(0, (long) rows * src.cols() * (src.type().bytes() + dst.type().bytes()));
    }

    @Override
    public void transpose(Buffer src, Buffer dst) {
        begin("transpose", OpType.COPY);
        delegate.transpose(src, dst);
        done(0, 8L * src.size());
    }

    @Override
    public void download(Buffer src, int firstRow, int rows, float[] dst) {
        begin("download", OpType.COPY);
        delegate.download(src, firstRow, rows, dst);
        done(0, 8L * rows * src.cols());
    }

    @Override
    public Buffer upload(float[] values, int rows, int cols) {
        begin("upload", OpType.COPY);
        Buffer b = delegate.upload(values, rows, cols);
        done(0, 8L * values.length);
        return b;
    }

    // ------------------------------------------------------------------ not timed

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int threads() {
        return delegate.threads();
    }

    @Override
    public io.github.asr4j.kernels.WeightFormat format() {
        return delegate.format();
    }

    @Override
    public Buffer allocate(int rows, int cols, BufferType type) {
        return delegate.allocate(rows, cols, type);
    }

    @Override
    public Buffer allocateKeys(int rows, int cols, BufferType type) {
        return delegate.allocateKeys(rows, cols, type);
    }

    @Override
    public Buffer view(Buffer base, int rows, int cols) {
        return delegate.view(base, rows, cols);
    }

    @Override
    public Matrix matrix(Tensor weight) {
        return delegate.matrix(weight);
    }

    @Override
    public ConvKernel convKernel(Tensor weight) {
        return delegate.convKernel(weight);
    }

    /** Ends the op still open; the delegate belongs to the caller and stays open. */
    @Override
    public void close() {
        flush();
    }
}
