package io.github.asr4j.kernels;

/** How a backend keeps the weight matrices it is given ({@link Backend#matrix}). */
public enum WeightFormat {
    /** In the checkpoint's own dtype (F32, F16 or BF16), widened to float inside the kernels. */
    STORED,
    /**
     * Quantized at load to signed 8-bit integers with one float scale per block of 32 inputs
     * ({@code scale = max|w| / 127}, symmetric), in native memory: a quarter of the F32 bytes to
     * stream per decoder step, at the cost of a relative weight error up to 1/254 of each
     * block's largest magnitude.
     */
    INT8
}
