package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
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

    @Test
    void scalarBackendWorks() {
        try (Backend b = Backends.scalar(1)) {
            assertThat(b).isInstanceOf(ScalarBackend.class);
            assertThat(b.name()).startsWith("cpu-scalar");
            float[] acc = {1};
            b.add(acc, new float[] {2}, 1);
            assertThat(acc[0]).isEqualTo(3f);
        }
    }
}
