package io.github.asr4j.bench;

import io.github.asr4j.testkit.RandomCheckpoint.Precision;
import io.github.asr4j.kernels.WeightFormat;
import java.util.Arrays;
import java.util.Locale;

/** A weight type the benchmark compares: how the checkpoint is stored, and how the kernels keep it. */
public enum WeightType {
    F32(Precision.F32, WeightFormat.STORED),
    F16(Precision.F16, WeightFormat.STORED),
    /** The float32 checkpoint, quantized to int8 blocks when the model loads. */
    INT8(Precision.F32, WeightFormat.INT8);

    private final Precision stored;
    private final WeightFormat format;

    WeightType(Precision stored, WeightFormat format) {
        this.stored = stored;
        this.format = format;
    }

    /** The checkpoint's storage type. */
    public Precision stored() {
        return stored;
    }

    /** How the backend keeps the matrices. */
    public WeightFormat format() {
        return format;
    }

    /** The lower-case name used on the command line and in the report ({@code f32}, {@code f16}, {@code int8}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The whisper.cpp (ggml) weight type compared with this one: {@code f32}, {@code f16}, {@code q8_0}. */
    public String ggmlType() {
        return this == INT8 ? "q8_0" : label();
    }

    /** Parses a label, case-insensitively. */
    public static WeightType parse(String label) {
        return Arrays.stream(values()).filter(t -> t.label().equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown --dtypes value '" + label
                        + "' (f32, f16 or int8)"));
    }
}
