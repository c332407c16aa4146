package io.github.asr4j.vad;

import java.util.Locale;

/**
 * The Silero VAD networks shipped inside asr4j's jar (MIT licence, Silero Team; the notice is the
 * resource {@code SILERO_VAD_LICENSE.txt} beside them). Both have the same graph; v6 is the newer
 * training, and the one faster-whisper uses.
 */
public enum VadModel {
    V5("silero_vad_v5.safetensors"),
    V6("silero_vad_v6.safetensors");

    private final String resource;

    VadModel(String resource) {
        this.resource = resource;
    }

    /** The resource name beside this class. */
    String resource() {
        return resource;
    }

    /** {@code v5} or {@code v6}, any case. */
    public static VadModel parse(String name) {
        for (VadModel m : values()) {
            if (m.name().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown VAD model '" + name + "'; expected v5 or v6");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
