package io.github.asr4j.profile;

/**
 * A place in a forward pass whose value an {@link ActivationListener} may capture: a stack
 * ({@code encoder} or {@code decoder}), a layer (or -1 for the stack's stem and head) and what
 * is taken there. {@link #name()} is the dotted name listeners match patterns against
 * ({@code decoder.layers.1.encoder_attn.weights}); code that needs one site compares the typed
 * fields instead of parsing names.
 */
public final class CaptureSite {

    /** What a site holds. */
    public enum Kind {
        /** A layer's output (the residual stream after it). */
        LAYER(""),
        /** The self-attention module's output (after {@code out_proj}, before the residual). */
        SELF_ATTN(".self_attn"),
        /** Self-attention weights {@code [heads, n, nkv]}. */
        SELF_ATTN_WEIGHTS(".self_attn.weights"),
        /** The cross-attention module's output. */
        CROSS_ATTN(".encoder_attn"),
        /** Cross-attention weights {@code [heads, n, T]}. */
        CROSS_ATTN_WEIGHTS(".encoder_attn.weights"),
        /** The MLP's up projection, before GELU. */
        FC1(".fc1"),
        /** The MLP's down projection, before the residual. */
        FC2(".fc2"),
        /** Stem: the first convolution's output, before GELU. */
        CONV1("conv1"),
        /** Stem: the second convolution's output, before GELU. */
        CONV2("conv2"),
        /** Stem: token plus position embeddings. */
        EMBED("embed"),
        /** Head: the final LayerNorm's output. */
        FINAL_NORM("layer_norm"),
        /** Head: the logits. */
        LOGITS("logits");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** Whether the kind belongs to a layer (else to the stack's stem or head). */
        public boolean inLayer() {
            return ordinal() <= FC2.ordinal();
        }
    }

    private final String stack;
    private final int layer;
    private final Kind kind;
    private final String name;

    private CaptureSite(String stack, int layer, Kind kind) {
        this.stack = stack;
        this.layer = layer;
        this.kind = kind;
        this.name = kind.inLayer() ? stack + ".layers." + layer + kind.suffix : stack + "." + kind.suffix;
    }

    /** A site of layer {@code layer} of {@code stack}. */
    public static CaptureSite of(String stack, int layer, Kind kind) {
        if (!kind.inLayer() || layer < 0) {
            throw new IllegalArgumentException(kind + " is not a layer site, or layer " + layer + " < 0");
        }
        return new CaptureSite(stack, layer, kind);
    }

    /** A site of {@code stack}'s stem or head. */
    public static CaptureSite of(String stack, Kind kind) {
        if (kind.inLayer()) {
            throw new IllegalArgumentException(kind + " belongs to a layer");
        }
        return new CaptureSite(stack, -1, kind);
    }

    /** Every site of one layer, indexed by {@link Kind#ordinal()}. */
    public static CaptureSite[] ofLayer(String stack, int layer) {
        CaptureSite[] sites = new CaptureSite[Kind.FC2.ordinal() + 1];
        for (Kind k : Kind.values()) {
            if (k.inLayer()) {
                sites[k.ordinal()] = of(stack, layer, k);
            }
        }
        return sites;
    }

    public String stack() {
        return stack;
    }

    /** The layer, or -1 for a stem or head site. */
    public int layer() {
        return layer;
    }

    public Kind kind() {
        return kind;
    }

    /** The dotted name, e.g. {@code encoder.layers.3.self_attn}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
