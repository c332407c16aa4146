package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the kernel set OpenBLAS chose ({@code OPENBLAS_VERBOSE=2}) and flagging a fallback without AVX. */
class OpenBlasCoreTest {
    @Test
    void readsTheCoreLineAmongTheProgramsOutput() {
        String output = "Loading encoder weights...\nCore: SkylakeX\n  Encoder: 143 tokens (768 ms)\n";
        assertThat(OpenBlasCore.parse(output)).map(OpenBlasCore::name).contains("SkylakeX");
    }

    @Test
    void noCoreLineIsNoCore() {
        assertThat(OpenBlasCore.parse("Encoder: 143 tokens (768 ms)\nCore: \n")).isEmpty();
    }

    @Test
    void aFallbackWithoutAvxIsFlaggedAndNamesTheOverride() {
        OpenBlasCore fallback = OpenBlasCore.parse("Core: Prescott\n").orElseThrow();
        assertThat(fallback.preAvx()).isTrue();
        assertThat(fallback.warning()).contains("Prescott", "OPENBLAS_CORETYPE");
        assertThat(new OpenBlasCore("SkylakeX").preAvx()).isFalse();
        assertThat(new OpenBlasCore("Zen").preAvx()).isFalse();
    }
}
