package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void cpuPicksTheVectorBackendWhenTheModuleIsPresent() {
        // The build runs tests with --add-modules jdk.incubator.vector.
        assertThat(Backends.vectorModulePresent()).isTrue();
        try (Backend b = Backends.cpu(2)) {
            assertThat(b).isInstanceOf(VectorBackend.class);
            assertThat(b.name()).startsWith("cpu-vector").contains("2 threads");
            assertThat(b.threads()).isEqualTo(2);
        }
        try (Backend b = Backends.cpu()) {
            assertThat(b.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    /** Small models take the plain-Java kernels (no Vector API warm-up), large ones the vector kernels; the property moves the line. */
    @Test
    void cpuForChoosesTheKernelsByWeightBytes() {
        WeightFormat f = WeightFormat.STORED;
        long min = Backends.VECTOR_MIN_WEIGHT_BYTES;
        try (Backend small = Backends.cpuFor(min - 1, 1, f); Backend large = Backends.cpuFor(min, 1, f)) {
            assertThat(small).isInstanceOf(ScalarBackend.class);
            assertThat(large).isInstanceOf(VectorBackend.class);
        }
        String key = Backends.VECTOR_MIN_BYTES_PROPERTY;
        try {
            System.setProperty(key, "0");
            try (Backend b = Backends.cpuFor(1, 1, f)) {
                assertThat(b).isInstanceOf(VectorBackend.class);
            }
            System.setProperty(key, "100");
            try (Backend b = Backends.cpuFor(99, 1, f)) {
                assertThat(b).isInstanceOf(ScalarBackend.class);
            }
            System.setProperty(key, "lots");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backends.cpuFor(1, 1, f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key).hasMessageContaining("'lots'");
        } finally {
            System.clearProperty(key);
        }
    }

    /**
     * A JVM without the module must get the plain-Java backend, and must never load a class that
     * refers to jdk.incubator.vector (it would fail to link there).
     */
    @Test
    void withoutTheModuleCpuFallsBackWithoutLoadingVectorClasses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                FallbackProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("backend=cpu-scalar (2 threads)").contains("add=4.0,6.0")
                .contains("gelu1=" + Gelu.apply(1f));
        assertThat(output).contains("is not in the boot layer");
        assertThat(output).as("class loading is logged").contains("io.github.asr4j.kernels.cpu.ScalarBackend");
        assertThat(output).doesNotContain("io.github.asr4j.kernels.cpu.Vector").doesNotContain("jdk.incubator.vector.");
    }

    @Test
    void backendsAreFoundByServiceLoaderAndChosenByNameOrPriority() {
        assertThat(Backends.providers()).extracting(io.github.asr4j.kernels.BackendProvider::name)
                .contains("cpu", "cpu-vector", "cpu-scalar");
        try (Backend best = Backends.best(1, io.github.asr4j.kernels.WeightFormat.STORED);
             Backend scalar = Backends.named("cpu-scalar", 1, io.github.asr4j.kernels.WeightFormat.INT8)) {
            assertThat(best).isInstanceOf(VectorBackend.class);
            assertThat(scalar.name()).isEqualTo("cpu-scalar (1 threads, int8 weights)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backends.named("cuda", 1, io.github.asr4j.kernels.WeightFormat.STORED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no compute backend named 'cuda'")
                .hasMessageContaining("cpu-scalar");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Backends.cpu(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void scalarBackendWorks() {
        try (Backend b = Backends.scalar(1)) {
            assertThat(b).isInstanceOf(ScalarBackend.class);
            assertThat(b.name()).startsWith("cpu-scalar");
            io.github.asr4j.kernels.Buffer acc = b.upload(new float[] {1}, 1, 1);
            b.add(acc, b.upload(new float[] {2}, 1, 1));
            float[] host = new float[1];
            b.download(acc, 0, 1, host);
            assertThat(host[0]).isEqualTo(3f);
        }
    }
}
