package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-row products' shrinking tasks ({@link VectorBackend#shrinkingTasks(int, long, int)}): they cover the rows
 * once, in order, none shorter than the minimum, shrinking to the end, so that threads claiming them in order finish
 * within one short task of each other; and a product whose tasks cross from one matrix into the next
 * ({@link Backend#linears}) or cut a run anywhere gives every output its {@code dot} bit for bit.
 */
class ShrinkingTasksTest {
    @Test
    void tasksCoverTheRowsOnceAndShrinkToTheEnd() {
        long[][] shapes = {{151_936, 2048}, {4096, 2048}, {1024, 4096}, {3072, 4096}, {1, 2048}, {15, 8}, {17, 4096},
            {100, 1 << 20}, {51_865, 1536}, {0, 64}};
        for (long[] shape : shapes) {
            int rows = (int) shape[0];
            long rowBytes = shape[1];
            for (int threads : new int[] {1, 2, 3, 16}) {
                int[] b = VectorBackend.shrinkingTasks(rows, rowBytes, threads);
                String what = rows + " rows of " + rowBytes + " bytes, " + threads + " threads";
                assertThat(b[0]).as(what).isZero();
                assertThat(b[b.length - 1]).as(what).isEqualTo(rows);
                int minRows = (int) Math.min(rows, Math.max(16, VectorBackend.SHRINKING_MIN_BYTES / rowBytes));
                for (int t = 0; t + 1 < b.length; t++) {
                    int size = b[t + 1] - b[t];
                    assertThat(size).as("%s: task %d", what, t).isGreaterThanOrEqualTo(Math.max(1, minRows));
                    if (t + 2 < b.length) {
                        assertThat(b[t + 2] - b[t + 1]).as("%s: task %d after %d", what, t + 1, t)
                                .isLessThanOrEqualTo(t + 3 < b.length ? size : size + minRows);
                    }
                }
                if (rows > 0) {
                    // the last task is short: under two minimal tasks, or the whole when that is all there is
                    assertThat(b[b.length - 1] - b[b.length - 2]).as(what).isLessThan(Math.max(2 * minRows, rows / (2 * threads) + minRows + 1));
                    // equal threads claiming in order end within the last task's rows of each other
                    assertThat(spread(b, threads)).as(what).isLessThanOrEqualTo(b[b.length - 1] - b[b.length - 2]);
                }
            }
        }
    }

    /** The spread of finishing times (in rows) of {@code threads} equal threads each claiming the next task when free. */
    private static long spread(int[] b, int threads) {
        long[] done = new long[threads];
        for (int t = 0; t + 1 < b.length; t++) {
            int free = 0;
            for (int i = 1; i < threads; i++) {
                if (done[i] < done[free]) {
                    free = i;
                }
            }
            done[free] += b[t + 1] - b[t];
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        int tasks = b.length - 1;
        for (int i = 0; i < Math.min(threads, tasks); i++) {
            min = Math.min(min, done[i]);
            max = Math.max(max, done[i]);
        }
        return max - min;
    }

    /**
     * BF16 q, k, v of a step's shape in small (rows 300, 150, 150 over 1,024 inputs: several shrinking tasks, two
     * of them across a matrix's end) and a gate/up pair: every output equals its row's {@code dot} (and SwiGLU of the
     * two dots) bit for bit at 1, 2 and 3 threads.
     */
    @Test
    void tasksAcrossMatricesGiveEveryRowItsDot() {
        Random rnd = new Random(41);
        int in = 1024;
        int[] outs = {300, 150, 150};
        Tensor[] t = new Tensor[outs.length];
        for (int i = 0; i < outs.length; i++) {
            t[i] = TestData.tensor("w" + i, DType.BF16, TestData.random(rnd, outs[i] * in, 0.1f), outs[i], in);
        }
        float[] x = TestData.random(rnd, in, 1f);
        for (int threads : new int[] {1, 2, 3}) {
            int[] b = VectorBackend.shrinkingTasks(600, 2L * in, threads);
            assertThat(b.length).as("tasks at %d threads", threads).isGreaterThan(4);
            try (CpuBackend backend = TestData.Kind.VECTOR.create(threads)) {
                Backend.Matrix[] w = new Backend.Matrix[outs.length];
                Buffer[] y = new Buffer[outs.length];
                for (int i = 0; i < outs.length; i++) {
                    w[i] = backend.matrix(t[i]);
                    y[i] = backend.allocate(1, outs[i], BufferType.F32);
                }
                Buffer xb = backend.upload(x, 1, in);
                backend.linears(xb, w, null, y);
                for (int i = 0; i < outs.length; i++) {
                    WeightMatrix m = (WeightMatrix) w[i];
                    float[] got = new float[outs[i]];
                    backend.download(y[i], 0, 1, got);
                    float[] alone = new float[outs[i]];
                    for (int o = 0; o < outs[i]; o++) {
                        alone[o] = m.dot(x, 0, o);
                    }
                    assertThat(TestData.bitsDiffer(alone, got)).as("%d threads, matrix %d: elements differing from dot", threads, i)
                            .isZero();
                }
                Buffer out = backend.allocate(1, 150, BufferType.F32);
                backend.linearSwiglu(xb, w[1], w[2], out, backend.allocate(1, 150, BufferType.F32));
                float[] got = new float[150];
                backend.download(out, 0, 1, got);
                float[] alone = new float[150];
                for (int o = 0; o < 150; o++) {
                    alone[o] = CpuBackend.swiglu(((WeightMatrix) w[1]).dot(x, 0, o), ((WeightMatrix) w[2]).dot(x, 0, o));
                }
                assertThat(TestData.bitsDiffer(alone, got)).as("%d threads: SwiGLU elements differing from the dots'", threads)
                        .isZero();
            }
        }
    }
}
