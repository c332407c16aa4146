package io.github.asr4j.spark;

import io.github.asr4j.Transcriber;
import java.nio.file.Path;

/** What a loaded {@link Transcriber} depends on; the per-call options are passed with each batch. */
record TranscriberKey(String modelPath, int threads, int batchSize) {
    Transcriber load() {
        return Transcriber.builder(Path.of(modelPath)).threads(threads).batchSize(batchSize).build();
    }
}
