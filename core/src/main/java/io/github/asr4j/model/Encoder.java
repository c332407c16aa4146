package io.github.asr4j.model;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.OpType;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.Span;
import io.github.asr4j.profile.SpanLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The Whisper audio encoder ({@code WhisperEncoder}): one 30-second log-mel window in, one row of
 * audio states per 20 ms frame out.
 *
 * <pre>
 *   x = GELU(conv1(mel))                 [2·T, d]   k3 s1 p1
 *   x = GELU(conv2(x)) + embed_positions [T, d]     k3 s2 p1
 *   per layer: x += SelfAttn(LN(x));  x += fc2(GELU(fc1(LN(x))))
 *   x = layer_norm(x)
 * </pre>
 *
 * Immutable and thread-safe: every call of {@link #forward} works in its own buffers. A pass
 * reports its layers and ops to a {@link Profiler} and hands named values to an
 * {@link ActivationListener}; with {@link Profiler#off()} and {@link ActivationListener#NONE} both
 * reduce to a few no-op calls.
 */
final class Encoder {
    private final Backend backend;
    private final int numMelBins;
    private final int frames;       // T = max_source_positions (1500)
    private final int dModel;
    private final int heads;
    private final int ffnDim;

    private final Backend.ConvKernel conv1;
    private final Buffer conv1Bias;
    private final Backend.ConvKernel conv2;
    private final Buffer conv2Bias;
    private final Buffer embedPositions; // [T, d]
    private final List<EncoderLayer> layers;
    private final LayerNorm layerNorm;
    private final int convBytes;            // bytes per stored convolution weight
    private final LayerNames[] names;
    private final LayerTaps[] noTaps;

    private Encoder(Backend backend, ModelConfig c, Backend.ConvKernel conv1, Buffer conv1Bias,
                    Backend.ConvKernel conv2, Buffer conv2Bias, Buffer embedPositions,
                    List<EncoderLayer> layers, LayerNorm layerNorm, int convBytes) {
        this.backend = backend;
        this.numMelBins = c.numMelBins();
        this.frames = c.maxSourcePositions();
        this.dModel = c.dModel();
        this.heads = c.encoderAttentionHeads();
        this.ffnDim = c.encoderFfnDim();
        this.conv1 = conv1;
        this.conv1Bias = conv1Bias;
        this.conv2 = conv2;
        this.conv2Bias = conv2Bias;
        this.embedPositions = embedPositions;
        this.layers = List.copyOf(layers);
        this.layerNorm = layerNorm;
        this.convBytes = convBytes;
        this.names = LayerNames.of("encoder", layers.size());
        this.noTaps = LayerTaps.of(ActivationListener.NONE, names, false);
    }

    /** Binds {@code model.encoder.*}. */
    static Encoder bind(WeightBinder w, ModelConfig c, Backend backend) {
        int d = c.dModel();
        String p = "model.encoder.";
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.encoderLayers(); i++) {
            String l = p + "layers." + i + ".";
            layers.add(new EncoderLayer(
                    w.attention(l + "self_attn", d),
                    w.layerNorm(l + "self_attn_layer_norm", d),
                    w.linear(l + "fc1", c.encoderFfnDim(), d, true),
                    w.linear(l + "fc2", d, c.encoderFfnDim(), true),
                    w.layerNorm(l + "final_layer_norm", d)));
        }
        return new Encoder(backend, c,
                w.convKernel(p + "conv1.weight", d, c.numMelBins(), 3), w.vector(p + "conv1.bias", d),
                w.convKernel(p + "conv2.weight", d, d, 3), w.vector(p + "conv2.bias", d),
                w.table(p + "embed_positions.weight", c.maxSourcePositions(), d),
                layers, w.layerNorm(p + "layer_norm", d), w.storedBytes(p + "conv1.weight"));
    }

    /** Encodes one window, unprofiled and unobserved. */
    float[] forward(float[] mel) {
        return forward(mel, Profiler.off(), ActivationListener.NONE);
    }

    /**
     * Encodes one window.
     *
     * @param mel log-mel {@code [numMelBins, 2·T]}, row-major (one row per mel bin, as the front end produces it)
     * @param profiler receives one {@code encoder} pass span with its layers and ops
     * @param listener receives the {@code encoder.*} values it wants
     * @return audio states {@code [T, d]}, row-major
     */
    float[] forward(float[] mel, Profiler profiler, ActivationListener listener) {
        int d = dModel;
        int t = frames;
        if (mel.length != numMelBins * 2 * t) {
            throw new IllegalArgumentException("the encoder takes a log-mel of " + numMelBins + " x " + 2 * t
                    + " = " + numMelBins * 2 * t + " values, got " + mel.length);
        }
        boolean listening = listener != ActivationListener.NONE;
        LayerTaps[] taps = listening ? LayerTaps.of(listener, names, false) : noTaps;
        if (profiler.enabled()) {
            profiler.backend(backend.name(), backend.threads());
        }
        Span pass = profiler.begin("encoder", SpanLevel.PASS);

        // Convolution stem, time-major: [2T, mels] -> [2T, d] -> [T, d].
        Span stemSpan = profiler.begin("encoder.conv", SpanLevel.LAYER);
        Span op = profiler.op("conv1", OpType.CONV);
        Buffer melByTime = backend.allocate(2 * t, numMelBins, BufferType.F32);
        backend.transpose(backend.upload(mel, numMelBins, 2 * t), melByTime);
        Buffer stem = backend.allocate(2 * t, d, BufferType.F32);
        backend.conv1d(melByTime, conv1, conv1Bias, 1, 1, stem);
        op.end(OpCosts.convFlops(2 * t, d, numMelBins), OpCosts.convBytes(2 * t, 2 * t, d, numMelBins, convBytes));
        if (listening && listener.wants("encoder.conv1")) {
            LayerTaps.emit(listener, "encoder.conv1", backend, stem);
        }
        op = profiler.op("gelu", OpType.GELU);
        backend.gelu(stem);
        op.end(OpCosts.geluFlops(stem.size()), OpCosts.geluBytes(stem.size()));
        op = profiler.op("conv2", OpType.CONV);
        Buffer x = backend.allocate(t, d, BufferType.F32);
        backend.conv1d(stem, conv2, conv2Bias, 2, 1, x);
        op.end(OpCosts.convFlops(t, d, d), OpCosts.convBytes(2 * t, t, d, d, convBytes));
        if (listening && listener.wants("encoder.conv2")) {
            LayerTaps.emit(listener, "encoder.conv2", backend, x);
        }
        op = profiler.op("gelu", OpType.GELU);
        backend.gelu(x);
        op.end(OpCosts.geluFlops(x.size()), OpCosts.geluBytes(x.size()));
        op = profiler.op("embed_positions", OpType.EMBEDDING);
        backend.add(x, embedPositions);
        op.end(OpCosts.addFlops((long) t * d), OpCosts.addBytes((long) t * d));
        stemSpan.end();

        Buffer h = backend.allocate(t, d, BufferType.F32);
        Buffer q = backend.allocate(t, d, BufferType.F32);
        Buffer k = backend.allocate(t, d, BufferType.F32);
        Buffer v = backend.allocate(t, d, BufferType.F32);
        Buffer attn = backend.allocate(t, d, BufferType.F32);
        Buffer mlp = backend.allocate(t, ffnDim, BufferType.F32);
        int hd = d / heads;
        for (int l = 0; l < layers.size(); l++) {
            EncoderLayer layer = layers.get(l);
            LayerTaps tap = taps[l];
            Span layerSpan = profiler.begin(names[l].layer(), SpanLevel.LAYER);

            // x += out_proj(Attention(q_proj(h), k_proj(h), v_proj(h))), h = LN(x)
            op = profiler.op("self_attn_layer_norm", OpType.LAYER_NORM);
            layer.selfAttnLayerNorm().apply(backend, x, h);
            op.end(OpCosts.layerNormFlops(t, d), OpCosts.layerNormBytes(t, d));
            AttentionWeights sa = layer.selfAttn();
            op = profiler.op("self_attn.qkv", OpType.QKV);
            sa.qProj().apply(backend, h, q);
            sa.kProj().apply(backend, h, k);
            sa.vProj().apply(backend, h, v);
            op.end(sa.qProj().flops(t) + sa.kProj().flops(t) + sa.vProj().flops(t),
                    sa.qProj().bytes(t) + sa.kProj().bytes(t) + sa.vProj().bytes(t));
            op = profiler.op("self_attn.attention", OpType.ATTENTION);
            backend.attention(q, k, v, t, heads, heads, AttentionMask.full(), attn);
            op.end(OpCosts.attentionFlops(t, t, heads, hd, false, 0), OpCosts.attentionBytes(t, t, d));
            if (tap.selfAttnWeights()) {
                op = profiler.op("self_attn.weights", OpType.ATTENTION_WEIGHTS);
                Buffer w = backend.allocate(heads, t * t, BufferType.F32);
                backend.attentionWeights(q, k, t, heads, heads, AttentionMask.full(), w);
                op.end();
                LayerTaps.emit(listener, names[l].selfAttnWeights(), backend, w, heads, t, t);
            }
            op = profiler.op("self_attn.out_proj", OpType.OUT_PROJ);
            sa.outProj().apply(backend, attn, h);
            op.end(sa.outProj().flops(t), sa.outProj().bytes(t));
            if (tap.selfAttn()) {
                LayerTaps.emit(listener, names[l].selfAttn(), backend, h);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, h);
            op.end(OpCosts.addFlops((long) t * d), OpCosts.addBytes((long) t * d));

            // x += fc2(GELU(fc1(LN(x))))
            op = profiler.op("final_layer_norm", OpType.LAYER_NORM);
            layer.finalLayerNorm().apply(backend, x, h);
            op.end(OpCosts.layerNormFlops(t, d), OpCosts.layerNormBytes(t, d));
            op = profiler.op("fc1", OpType.MLP_UP);
            layer.fc1().apply(backend, h, mlp);
            op.end(layer.fc1().flops(t), layer.fc1().bytes(t));
            if (tap.fc1()) {
                LayerTaps.emit(listener, names[l].fc1(), backend, mlp);
            }
            op = profiler.op("gelu", OpType.GELU);
            backend.gelu(mlp);
            op.end(OpCosts.geluFlops(mlp.size()), OpCosts.geluBytes(mlp.size()));
            op = profiler.op("fc2", OpType.MLP_DOWN);
            layer.fc2().apply(backend, mlp, h);
            op.end(layer.fc2().flops(t), layer.fc2().bytes(t));
            if (tap.fc2()) {
                LayerTaps.emit(listener, names[l].fc2(), backend, h);
            }
            op = profiler.op("residual", OpType.RESIDUAL);
            backend.add(x, h);
            op.end(OpCosts.addFlops((long) t * d), OpCosts.addBytes((long) t * d));
            if (tap.layer()) {
                LayerTaps.emit(listener, names[l].layer(), backend, x);
            }
            layerSpan.end();
        }
        Span normSpan = profiler.begin("encoder.layer_norm", SpanLevel.LAYER);
        op = profiler.op("layer_norm", OpType.LAYER_NORM);
        layerNorm.apply(backend, x, x);
        op.end(OpCosts.layerNormFlops(t, d), OpCosts.layerNormBytes(t, d));
        normSpan.end();
        if (listening && listener.wants("encoder.layer_norm")) {
            LayerTaps.emit(listener, "encoder.layer_norm", backend, x);
        }
        float[] out = new float[t * d];
        backend.download(x, 0, t, out);
        pass.end();
        return out;
    }
}
