package io.github.asr4j.benchmarks;

/**
 * One {@code linear} call's shape: {@code y[rows, out] = x[rows, in] · Wᵀ}, written {@code "ROWSxINxOUT"}
 * in the benchmarks' parameters.
 */
record LinearShape(int rows, int in, int out) {

    static LinearShape parse(String s) {
        String[] p = s.split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("shape '" + s + "' is not ROWSxINxOUT");
        }
        return new LinearShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    /** Multiply-adds count twice. */
    double flops() {
        return 2.0 * rows * in * out;
    }

    /** Weight bytes one call reads at least once. */
    double weightBytes(int elementBytes) {
        return (double) in * out * elementBytes;
    }
}
