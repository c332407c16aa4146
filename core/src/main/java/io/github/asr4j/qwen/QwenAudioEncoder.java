package io.github.asr4j.qwen;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.QwenAsrConfig;
import io.github.asr4j.model.WeightBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3-ASR audio encoder ("AuT", {@code thinker.audio_tower}): a log-mel clip in, one row per
 * 80 ms out (13 per 100-frame chunk).
 *
 * <pre>
 *   per chunk of 100 frames (the last zero-padded to 100 when there are several):
 *     c = GELU(conv2d3(GELU(conv2d2(GELU(conv2d1(mel))))))   [C, 16, 13]   3×3, stride 2, pad 1
 *     x = conv_out(c read as 13 rows of C·16) + sinusoid rows 0..12
 *   per layer: x += Attn(LN(x)) within windows of 104 rows;  x += fc2(GELU(fc1(LN(x))))
 *   out = proj2(GELU(proj1(ln_post(x))))                      [N, output_dim]
 * </pre>
 *
 * Immutable and thread-safe: every call works in its own buffers.
 */
final class QwenAudioEncoder {
    private static final String P = "thinker.audio_tower.";
    private static final float LN_EPS = 1e-5f;

    private final Backend backend;
    private final QwenAsrConfig.AudioEncoder c;
    private final Backend.ConvKernel[] convs = new Backend.ConvKernel[3];
    private final Buffer[] convBiases = new Buffer[3];
    private final Backend.Matrix convOut;   // [d, C·F]
    private final Buffer positions;         // [rowsPerChunk, d]
    private final List<Layer> layers;
    private final Norm lnPost;
    private final Proj proj1;
    private final Proj proj2;

    /** One pre-LN Transformer layer of the encoder. */
    private record Layer(Norm attnNorm, Proj q, Proj k, Proj v, Proj out, Norm mlpNorm, Proj fc1, Proj fc2) {}

    /** A LayerNorm's weight and bias. */
    private record Norm(Buffer weight, Buffer bias) {}

    /** A linear layer with its bias. */
    private record Proj(Backend.Matrix weight, Buffer bias) {}

    QwenAudioEncoder(WeightBinder w, QwenAsrConfig.AudioEncoder c, Backend backend) {
        this.backend = backend;
        this.c = c;
        int channels = c.downsampleHiddenSize();
        int d = c.dModel();
        for (int i = 0; i < 3; i++) {
            String name = P + "conv2d" + (i + 1);
            convs[i] = w.conv2dKernel(name + ".weight", channels, i == 0 ? 1 : channels, 3);
            convBiases[i] = w.vector(name + ".bias", channels);
        }
        convOut = w.matrix(P + "conv_out.weight", d, Math.multiplyExact(channels, c.frequencyRows()));
        positions = backend.upload(sinusoids(c.rowsPerChunk(), d), c.rowsPerChunk(), d);
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String p = P + "layers." + i + ".";
            ls.add(new Layer(norm(w, p + "self_attn_layer_norm", d),
                    proj(w, p + "self_attn.q_proj", d, d), proj(w, p + "self_attn.k_proj", d, d),
                    proj(w, p + "self_attn.v_proj", d, d), proj(w, p + "self_attn.out_proj", d, d),
                    norm(w, p + "final_layer_norm", d),
                    proj(w, p + "fc1", c.ffnDim(), d), proj(w, p + "fc2", d, c.ffnDim())));
        }
        layers = List.copyOf(ls);
        lnPost = norm(w, P + "ln_post", d);
        proj1 = proj(w, P + "proj1", d, d);
        proj2 = proj(w, P + "proj2", c.outputDim(), d);
    }

    private static Norm norm(WeightBinder w, String prefix, int d) {
        return new Norm(w.vector(prefix + ".weight", d), w.vector(prefix + ".bias", d));
    }

    private static Proj proj(WeightBinder w, String prefix, int out, int in) {
        return new Proj(w.matrix(prefix + ".weight", out, in), w.vector(prefix + ".bias", out));
    }

    /** Audio tokens a clip of {@code frames} log-mel frames gives: 13 per full chunk, fewer for the last. */
    int tokens(int frames) {
        int full = frames / c.chunkFrames();
        int tail = frames % c.chunkFrames();
        return full * c.rowsPerChunk() + (tail == 0 ? 0 : QwenAsrConfig.AudioEncoder.rowsAfterStem(tail));
    }

    /**
     * Attention windows encoded in one pass. Windows never attend to each other and every other op is
     * row-wise, so the clip is encoded a few windows at a time: the activations (and the stem's
     * {@code [rows, C·16]} features) stay bounded however long the audio, at no change to the result.
     */
    static final int WINDOWS_PER_PASS = 4;

    /**
     * Encodes one clip.
     *
     * @param mel log-mel {@code [numMelBins, frames]} row-major (row m = bin m)
     */
    EncodedAudio forward(float[] mel, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("the audio encoder needs at least one log-mel frame, got " + frames);
        }
        if (mel.length != (long) c.numMelBins() * frames) {
            throw new IllegalArgumentException("a log-mel of " + c.numMelBins() + " x " + frames + " frames has "
                    + (long) c.numMelBins() * frames + " values, got " + mel.length);
        }
        int n = tokens(frames);
        int width = c.outputDim();
        float[] rows = new float[Math.multiplyExact(n, width)];
        int chunks = (frames + c.chunkFrames() - 1) / c.chunkFrames();
        int chunksPerPass = WINDOWS_PER_PASS * (c.nWindowInfer() / c.chunkFrames());
        int row = 0;
        for (int first = 0; first < chunks; first += chunksPerPass) {
            Buffer out = encodeChunks(mel, frames, chunks, first, Math.min(chunks, first + chunksPerPass));
            float[] part = new float[out.rows() * width];
            backend.download(out, 0, out.rows(), part);
            System.arraycopy(part, 0, rows, row * width, part.length);
            row += out.rows();
        }
        return new EncodedAudio(rows, n, width);
    }

    /** The whole encoder over chunks {@code first .. end - 1} (whole attention windows from a window start). */
    private Buffer encodeChunks(float[] mel, int frames, int chunks, int first, int end) {
        Backend b = backend;
        Buffer x = stem(mel, frames, chunks, first, end);
        int n = x.rows();
        int d = c.dModel();
        Buffer h = b.allocate(n, d, BufferType.F32);
        Buffer q = b.allocate(n, d, BufferType.F32);
        Buffer k = b.allocate(n, d, BufferType.F32);
        Buffer v = b.allocate(n, d, BufferType.F32);
        Buffer attn = b.allocate(n, d, BufferType.F32);
        Buffer mlp = b.allocate(n, c.ffnDim(), BufferType.F32);
        AttentionMask windows = AttentionMask.windowed(c.attentionWindow(), 0);
        for (Layer l : layers) {
            b.layerNorm(x, l.attnNorm.weight, l.attnNorm.bias, LN_EPS, h);
            b.linear(h, l.q.weight, l.q.bias, q);
            b.linear(h, l.k.weight, l.k.bias, k);
            b.linear(h, l.v.weight, l.v.bias, v);
            b.attention(q, k, v, n, c.heads(), c.heads(), windows, attn);
            b.linear(attn, l.out.weight, l.out.bias, h);
            b.add(x, h);
            b.layerNorm(x, l.mlpNorm.weight, l.mlpNorm.bias, LN_EPS, h);
            b.linear(h, l.fc1.weight, l.fc1.bias, mlp);
            b.gelu(mlp);
            b.linear(mlp, l.fc2.weight, l.fc2.bias, h);
            b.add(x, h);
        }
        b.layerNorm(x, lnPost.weight, lnPost.bias, LN_EPS, h);
        b.linear(h, proj1.weight, proj1.bias, x);
        b.gelu(x);
        Buffer out = b.allocate(n, c.outputDim(), BufferType.F32);
        b.linear(x, proj2.weight, proj2.bias, out);
        return out;
    }

    /**
     * The convolution stem of chunks {@code first .. end - 1} of a clip of {@code chunks} chunks, then
     * {@code conv_out} over all their kept rows at once and the per-chunk positions: {@code [rows, d]}.
     */
    private Buffer stem(float[] mel, int frames, int chunks, int first, int end) {
        Backend b = backend;
        int chunk = c.chunkFrames();
        int mels = c.numMelBins();
        int channels = c.downsampleHiddenSize();
        int f = c.frequencyRows();
        int n = 0;
        for (int ci = first; ci < end; ci++) {
            n += QwenAsrConfig.AudioEncoder.rowsAfterStem(Math.min(chunk, frames - ci * chunk));
        }
        Buffer features = b.allocate(n, channels * f, BufferType.F32);   // row t: index c·F + f
        int[] positionRows = new int[n];
        // Every chunk of a call has the same shape (a short last one is padded when there are several),
        // so the conv outputs are allocated once per call: conv2d and GELU overwrite every element.
        Buffer[] convOutputs = new Buffer[3];
        Buffer byTime = null;
        int row = 0;
        for (int ci = first; ci < end; ci++) {
            int valid = Math.min(chunk, frames - ci * chunk);
            int width = chunks > 1 ? chunk : valid;     // the official pad_sequence pads a short last chunk
            float[] image = new float[mels * width];
            for (int m = 0; m < mels; m++) {
                System.arraycopy(mel, m * frames + ci * chunk, image, m * width, valid);
            }
            Buffer y = b.upload(image, mels, width);
            int height = mels;
            for (int i = 0; i < 3; i++) {
                int outHeight = (height - 1) / 2 + 1;     // 3×3, stride 2, padding 1
                int outWidth = (width - 1) / 2 + 1;
                if (convOutputs[i] == null) {
                    convOutputs[i] = b.allocate(channels * outHeight, outWidth, BufferType.F32);
                }
                Buffer next = convOutputs[i];
                b.conv2d(y, height, convs[i], convBiases[i], 2, 1, next);
                b.gelu(next);
                y = next;
                height = outHeight;
                width = outWidth;
            }
            if (byTime == null) {
                byTime = b.allocate(width, channels * f, BufferType.F32);
            }
            b.transpose(y, byTime);
            int keep = QwenAsrConfig.AudioEncoder.rowsAfterStem(valid);
            b.copyRows(byTime, 0, features, row, keep);
            for (int t = 0; t < keep; t++) {
                positionRows[row + t] = t;
            }
            row += keep;
        }
        Buffer x = b.allocate(n, c.dModel(), BufferType.F32);
        b.linear(features, convOut, null, x);
        Buffer pos = b.allocate(n, c.dModel(), BufferType.F32);
        b.gather(positions, positionRows, pos);
        b.add(x, pos);
        return x;
    }

    /**
     * The sinusoidal position rows as the official code evaluates them, in float32:
     * {@code inv_j = exp(-inc·j)}, row {@code t} = {@code sin(t·inv_j) ++ cos(t·inv_j)}.
     */
    static float[] sinusoids(int length, int channels) {
        int half = channels / 2;
        float inc = (float) (Math.log(10000.0) / (half - 1));
        float[] inv = new float[half];
        for (int j = 0; j < half; j++) {
            inv[j] = (float) Math.exp(-inc * (float) j);
        }
        float[] out = new float[length * channels];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < half; j++) {
                float angle = t * inv[j];
                out[t * channels + j] = (float) Math.sin(angle);
                out[t * channels + half + j] = (float) Math.cos(angle);
            }
        }
        return out;
    }
}
