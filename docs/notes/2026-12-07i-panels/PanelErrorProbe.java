package io.github.asr4j.kernels.cpu;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.nio.file.Path;
import java.util.Random;

/**
 * The panels' error against a double reference, beside main's row kernels (the F16Normals row copy), on the card
 * checkpoint's real matrices: |y − ref| / Σ|x·w| over 16 random input rows × every output (the 2026-12-07h outer16
 * lab's measure). Args: model.safetensors. Compiled against the bench jar and kernels-cpu's test classes.
 */
public final class PanelErrorProbe {
    public static void main(String[] args) throws Exception {
        SafeTensors st = SafeTensors.open(Path.of(args[0]));
        System.setProperty(F16Normals.PROPERTY, "true");
        for (String name : new String[] {"model.decoder.layers.0.fc1.weight", "model.decoder.layers.0.fc2.weight",
                "model.decoder.layers.0.self_attn.q_proj.weight", "model.decoder.layers.3.encoder_attn.out_proj.weight"}) {
            Tensor t = st.tensor(name);
            int out = (int) t.shape()[0];
            int len = (int) t.shape()[1];
            float[] x = TestData.random(new Random(16), 16 * len, 1f);
            double[] ref = new double[16 * out];
            double[] abs = new double[16 * out];
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < 16; r++) {
                    double s = 0, a = 0;
                    for (int k = 0; k < len; k++) {
                        double p = (double) x[r * len + k] * Float.float16ToFloat(t.data().get(WeightMatrix.I16_LE, 2L * ((long) o * len + k)));
                        s += p;
                        a += Math.abs(p);
                    }
                    ref[r * out + o] = s;
                    abs[r * out + o] = a;
                }
            }
            StringBuilder line = new StringBuilder(name);
            for (String panels : new String[] {"false", "true"}) {
                System.setProperty(F16Panels.PROPERTY, panels);
                try (CpuBackend b = TestData.Kind.VECTOR.create(2)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(t);
                    for (int n : new int[] {16, 5, 1}) {
                        float[] y = new float[n * out];
                        b.linear(x, n, m, null, y);
                        double max = 0, sum = 0;
                        for (int i = 0; i < n * out; i++) {
                            double e = Math.abs(y[i] - ref[i]) / abs[i];
                            max = Math.max(max, e);
                            sum += e;
                        }
                        line.append(String.format(" | %s %d rows: mean %.3e max %.3e", panels.equals("true") ? "panels" : "main", n,
                                sum / (n * out), max));
                    }
                }
            }
            System.out.println(line);
        }
    }
}
