package io.github.asr4j.profile;

/** The kinds of operation a Whisper forward pass is made of; the HTML report stacks time by these. */
public enum OpType {
    CONV("conv"),
    EMBEDDING("embedding"),
    LAYER_NORM("layer_norm"),
    QKV("qkv_projection"),
    /** The backend's fused scores + softmax + weighted sum. */
    ATTENTION("attention"),
    /** Q·Kᵀ/√d and softmax computed explicitly because an activation listener asked for the weights. */
    ATTENTION_WEIGHTS("attention_weights"),
    OUT_PROJ("out_projection"),
    RESIDUAL("residual_add"),
    MLP_UP("mlp_up"),
    GELU("gelu"),
    MLP_DOWN("mlp_down"),
    LOGITS("logits"),
    /** Copies handed to an activation listener. */
    CAPTURE("capture"),
    /** Rows copied between backend buffers (KV cache appends, gathers) or to and from the host. */
    COPY("copy");

    private final String label;

    OpType(String label) {
        this.label = label;
    }

    /** The name used in traces and summaries. */
    public String label() {
        return label;
    }
}
