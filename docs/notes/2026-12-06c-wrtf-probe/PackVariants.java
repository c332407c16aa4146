package io.github.asr4j.kernels.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

final class PackVariants {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final int NR = 64, PR = 16;
    static final int CH = 128, CS = CH + 16;
    static final int S = 512 + 16;
    static final int[] IDX = new int[PR];
    static { for (int b = 0; b < PR; b++) IDX[b] = b * S; }

    /** k chunks of CH: buffer 16 x CS. */
    static void packChunked(WeightMatrix w, int o0, int o1, int c0, int depth, float[] panel, float[] rows) {
        int n = o1 - o0;
        for (int r = 0; r < n; r += PR) {
            int m = Math.min(PR, n - r);
            int dst = (r / NR) * depth * NR + r % NR;
            for (int k0 = 0; k0 < depth; k0 += CH) {
                int len = Math.min(CH, depth - k0);
                for (int b = 0; b < m; b++) {
                    w.widen(o0 + r + b, c0 + k0, len, rows, b * CS);
                }
                for (int k = 0; k < len; k++) {
                    int d = dst + (k0 + k) * NR;
                    for (int b = 0; b < m; b++) {
                        panel[d + b] = rows[b * CS + k];
                    }
                }
            }
        }
    }

    /** gather 16 rows' k-th values with one vector load (full blocks only). */
    static void packGather(WeightMatrix w, int o0, int o1, int c0, int depth, float[] panel, float[] rows) {
        int n = o1 - o0;
        for (int r = 0; r < n; r += PR) {
            for (int b = 0; b < PR; b++) {
                w.widen(o0 + r + b, c0, depth, rows, b * S);
            }
            int dst = (r / NR) * depth * NR + r % NR;
            for (int k = 0; k < depth; k++) {
                FloatVector.fromArray(F, rows, k, IDX, 0).intoArray(panel, dst + k * NR);
            }
        }
    }
}
