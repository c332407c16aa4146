package io.github.asr4j.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only test data in {@code ../shared/testdata} beside the checkout.
 *
 * <p>The build passes the folder as the system property {@code asr4j.shared}; the environment
 * variable {@code ASR4J_SHARED} overrides it. A test that needs a file calls {@link #require}, which
 * skips the test with a message naming the missing path instead of failing it.
 */
public final class SharedData {
    private SharedData() {}

    /** The {@code shared} folder (it may not exist). */
    public static Path root() {
        String env = System.getenv("ASR4J_SHARED");
        String prop = System.getProperty("asr4j.shared");
        String dir = env != null && !env.isBlank() ? env : prop != null ? prop : "../shared";
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** {@code shared/testdata/<relative>}, skipping the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve("testdata").resolve(relative);
        assumeTrue(Files.exists(p), () -> "shared test data not found: " + p
                + " (clone the project beside ../shared, or set ASR4J_SHARED)");
        return p;
    }

    /** {@code shared/<relative>} (tools and other folders beside testdata), skipping when absent. */
    public static Path requireShared(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), () -> "shared folder not found: " + p);
        return p;
    }
}
