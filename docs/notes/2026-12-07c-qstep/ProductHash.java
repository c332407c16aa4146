import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** qstep: hashes of one-row BF16 products over real Qwen3-ASR matrices (run once per build; equal hashes = same bits). */
public class ProductHash {
    public static void main(String[] a) throws Exception {
        try (SafeTensors st = SafeTensors.open(Path.of(a[0])); Backend b = Backends.cpu(Integer.parseInt(a[1]))) {
            for (String name : new String[] {"thinker.lm_head.weight", "thinker.model.layers.0.mlp.gate_proj.weight",
                    "thinker.model.layers.0.mlp.down_proj.weight", "thinker.model.layers.3.self_attn.o_proj.weight",
                    "thinker.model.layers.5.self_attn.k_proj.weight"}) {
                Tensor t = st.tensor(name);
                Backend.Matrix m = b.matrix(t);
                int rows = (int) t.shape()[0], cols = (int) t.shape()[1];
                float[] x = new float[cols];
                Random r = new Random(7);
                for (int i = 0; i < cols; i++) x[i] = (float) r.nextGaussian();
                float[] y = new float[rows];
                ((io.github.asr4j.kernels.cpu.CpuBackend) b).linear(x, 1, m, null, y);
                System.out.printf("%s [%d x %d] hash %08x y[0]=%s%n", name, rows, cols, Arrays.hashCode(y), y[0]);
            }
        }
    }
}
