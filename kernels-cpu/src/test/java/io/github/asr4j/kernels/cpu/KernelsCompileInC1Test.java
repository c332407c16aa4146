package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.loader.DType;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every kernel must compile in C1 with full profiling (tier 3). A kernel C1 gives up on ("out of virtual
 * registers in LIR generator": a long straight run of inlined Vector-API calls) usually goes from the
 * interpreter straight to C2; but when C1 first compiled it at tier 2 (which it does while C2's queue is
 * long: a busy machine, a JVM's start), HotSpot's policy asks for tier 3 next, cannot have it, and never
 * asks for tier 4: the kernel stays in C1 code, which boxes every vector, for the JVM's life (an INT8
 * one-row kernel did that in one JVM of four: decodes 50–150× slower; docs/notes/2026-12-06f-closing.md). A child
 * JVM stopped at tier 3 with low thresholds compiles every kernel the decoder steps and the encoders take (Whisper's
 * and Qwen3-ASR's, convolution stems included), at the widths and row counts they run at, and must print no skipped
 * asr4j compile.
 */
class KernelsCompileInC1Test {

    @Test
    void everyKernelCompilesAtTierThree() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
                "-XX:TieredStopAtLevel=3", "-Xbatch", "-XX:CompileThresholdScaling=0.05", "-XX:+PrintCompilation"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:UseAVX=") || a.startsWith("-XX:MaxVectorSize=")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Path log = Files.createTempFile("asr4j-c1-", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done;
        try {
            done = p.waitFor(240, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(done).as("the probe ends in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("probe done");
        // the probe's kernels did reach C1 (a flag the JVM ignored would leave this test empty)
        assertThat(output).contains("io.github.asr4j.kernels.cpu.F16Weights$Simd::");
        List<String> skipped = output.lines()
                .filter(l -> l.contains("COMPILE SKIPPED") && l.contains("io.github.asr4j")).toList();
        assertThat(skipped).as("asr4j methods C1 could not compile").isEmpty();
    }

    /**
     * Runs the products (every weight format, 1 to 16 input rows and a matrix's worth, short and long rows), the
     * attention over float rows and over F16 and Q8 caches, and {@link WarmupDeterminismTest.Probe}'s kernels, each a
     * dozen times on small shapes: C1's code boxes every vector, so the work is kept tiny.
     */
    public static final class Probe {
        private static final int FEW_ROWS = VectorBackend.FEW_ROWS;

        public static void main(String[] args) {
            Random rnd = new Random(5);
            int out = 8;
            try (CpuBackend b = (CpuBackend) Backends.vector(2);
                 CpuBackend int8 = (CpuBackend) Backends.vector(2, WeightFormat.INT8)) {
                for (int in : new int[] {768, 3072, 203}) {
                    float[] values = TestData.random(rnd, out * in, 0.1f);
                    List<Backend.Matrix> matrices = new ArrayList<>();
                    List<CpuBackend> owners = new ArrayList<>();
                    for (DType dt : new DType[] {DType.F32, DType.F16, DType.BF16}) {
                        matrices.add(b.matrix(TestData.tensor("w", dt, values, out, in)));
                        owners.add(b);
                    }
                    matrices.add(int8.matrix(TestData.tensor("w", DType.F32, values, out, in)));
                    owners.add(int8);
                    for (int n : new int[] {1, 2, 3, 5, 6, 8, 9, 16, 40}) {
                        float[] x = TestData.random(rnd, n * in, 1f);
                        if (n > FEW_ROWS && in > 768) {
                            continue;   // a matrix's worth once is enough (the GEMM path), and slow in C1's code
                        }
                        float[] y = new float[n * out];
                        for (int round = 0; round < 12; round++) {
                            for (int m = 0; m < matrices.size(); m++) {
                                owners.get(m).linear(x, n, matrices.get(m), null, y);
                            }
                        }
                    }
                }
                int heads = 2;
                int headDim = 64;
                for (int nq : new int[] {1, 5, 16, 40}) {
                    float[] q = TestData.random(rnd, nq * heads * headDim, 1f);
                    float[] k = TestData.random(rnd, 100 * heads * headDim, 1f);
                    float[] v = TestData.random(rnd, 100 * heads * headDim, 1f);
                    float[] o = new float[nq * heads * headDim];
                    for (int round = 0; round < 12; round++) {
                        b.attention(q, nq, k, v, 100, heads, headDim, false, 0, o);
                    }
                }
                // the decoder's attention over F16, Q8 and F32 caches (keys in tiles, grouped heads), one to sixteen queries
                int kvHeads = 1;
                for (BufferType type : new BufferType[] {BufferType.F16, BufferType.Q8, BufferType.F32}) {
                    Buffer keys = b.allocateKeys(100, kvHeads * headDim, type);
                    Buffer values = b.allocate(100, kvHeads * headDim, type);
                    b.copyRows(b.upload(TestData.random(rnd, 100 * kvHeads * headDim, 1f), 100, kvHeads * headDim), 0, keys, 0, 100);
                    b.copyRows(b.upload(TestData.random(rnd, 100 * kvHeads * headDim, 1f), 100, kvHeads * headDim), 0, values, 0, 100);
                    for (int nq : new int[] {1, 5, 16}) {
                        float[] q = TestData.random(rnd, nq * heads * headDim, 1f);
                        for (int round = 0; round < 12; round++) {
                            TestData.attention(b, q, nq, keys, values, 100, heads, kvHeads, AttentionMask.causal(100 - nq));
                        }
                    }
                }
                stemAndQwenOps(b, rnd);
            }
            // softmax, GELU, the reductions and the rest of the warm-up probe's kernels
            for (int round = 0; round < 12; round++) {
                WarmupDeterminismTest.Probe.digest();
            }
            System.out.println("probe done");
        }

        /**
         * The convolution stems (Whisper's conv1d over F16 and F32 kernels, Qwen3-ASR's conv2d from one channel
         * and from many), the layer and RMS norms, rotary embeddings, SwiGLU alone and fused with its BF16
         * products (one row and a prompt's), windowed attention (the Qwen3-ASR encoder), matmul and transpose.
         */
        private static void stemAndQwenOps(CpuBackend b, Random rnd) {
            Backend.ConvKernel conv16 = b.convKernel(TestData.tensor("c", DType.F16, TestData.random(rnd, 16 * 8 * 3, 0.2f), 16, 8, 3));
            Backend.ConvKernel conv32 = b.convKernel(TestData.tensor("c", DType.F32, TestData.random(rnd, 16 * 8 * 3, 0.2f), 16, 8, 3));
            Backend.ConvKernel stem1 = b.convKernel(TestData.tensor("c", DType.BF16, TestData.random(rnd, 16 * 9, 0.2f), 16, 1, 3, 3));
            Backend.ConvKernel stem2 = b.convKernel(TestData.tensor("c", DType.BF16, TestData.random(rnd, 16 * 16 * 9, 0.2f), 16, 16, 3, 3));
            Buffer bias = b.upload(TestData.random(rnd, 16, 0.1f), 1, 16);
            Buffer frames = b.upload(TestData.random(rnd, 40 * 8, 1f), 40, 8);
            Buffer conv1d = b.allocate(20, 16, BufferType.F32);
            Buffer mel = b.upload(TestData.random(rnd, 24 * 20, 1f), 24, 20);
            Buffer plane1 = b.allocate(16 * 12, 10, BufferType.F32);
            Buffer plane2 = b.allocate(16 * 6, 5, BufferType.F32);
            int width = 128;
            int headDim = 64;
            Buffer gamma = b.upload(TestData.random(rnd, width, 1f), 1, width);
            Buffer beta = b.upload(TestData.random(rnd, width, 0.1f), 1, width);
            Backend.Matrix gate = b.matrix(TestData.tensor("g", DType.BF16, TestData.random(rnd, 96 * width, 0.1f), 96, width));
            Backend.Matrix up = b.matrix(TestData.tensor("u", DType.BF16, TestData.random(rnd, 96 * width, 0.1f), 96, width));
            for (int rows : new int[] {1, 40}) {
                Buffer x = b.upload(TestData.random(rnd, rows * width, 1f), rows, width);
                Buffer y = b.allocate(rows, width, BufferType.F32);
                Buffer mlp = b.allocate(rows, 96, BufferType.F32);
                Buffer mlpScratch = b.allocate(rows, 96, BufferType.F32);
                Buffer attended = b.allocate(rows, width, BufferType.F32);
                Buffer square = b.allocate(rows, rows, BufferType.F32);
                Buffer transposed = b.allocate(width, rows, BufferType.F32);
                int[] positions = new int[rows];
                for (int i = 0; i < rows; i++) {
                    positions[i] = 3 + i;
                }
                for (int round = 0; round < 12; round++) {
                    b.conv1d(frames, conv16, bias, 2, 1, conv1d);
                    b.conv1d(frames, conv32, bias, 2, 1, conv1d);
                    b.conv2d(mel, 24, stem1, bias, 2, 1, plane1);
                    b.conv2d(plane1, 12, stem2, bias, 2, 1, plane2);
                    b.layerNorm(x, gamma, beta, 1e-5f, y);
                    b.rmsNorm(x, gamma, 1e-6f, y);
                    b.rope(y, headDim, positions, 1_000_000f);
                    b.linearSwiglu(x, gate, up, mlp, mlpScratch);
                    b.swiglu(mlp, mlpScratch, mlp);
                    b.attention(x, x, x, rows, width / headDim, width / headDim, AttentionMask.windowed(13, 0), attended);
                    b.matmul(x, false, x, true, square, 1f, false);
                    b.transpose(x, transposed);
                }
            }
        }
    }
}
