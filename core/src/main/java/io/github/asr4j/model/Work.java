package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;

/**
 * The scratch activations of one pass over {@code rows} rows, in the backend: {@code h} (a
 * normed or projected row block), {@code q}, {@code k}, {@code v}, the attention output
 * {@code attn} ({@code [rows, d]} each) and the MLP's hidden {@code mlp} ({@code [rows, ffn]}).
 */
final class Work {
    final int rows;
    final Buffer h;
    final Buffer q;
    final Buffer k;
    final Buffer v;
    final Buffer attn;
    final Buffer mlp;

    Work(Backend b, int rows, int d, int ffn) {
        this.rows = rows;
        this.h = b.allocate(rows, d, BufferType.F32);
        this.q = b.allocate(rows, d, BufferType.F32);
        this.k = b.allocate(rows, d, BufferType.F32);
        this.v = b.allocate(rows, d, BufferType.F32);
        this.attn = b.allocate(rows, d, BufferType.F32);
        this.mlp = b.allocate(rows, ffn, BufferType.F32);
    }
}
