package io.github.asr4j.loader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, memory-mapped safetensors checkpoint: one {@code .safetensors} file, or a folder
 * sharded by {@code model.safetensors.index.json}. Thread-safe; tensors stay valid until
 * {@link #close()}.
 *
 * <p>CONTRACT STUB: the loader work fills in the bodies; the signatures are what other modules use.
 */
public final class SafeTensors implements AutoCloseable {

    /** Opens and validates one {@code .safetensors} file. @throws SafeTensorsException on any format problem. */
    public static SafeTensors open(Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Opens the weights of a model folder: {@code model.safetensors}, or the shards listed by
     * {@code model.safetensors.index.json}.
     */
    public static SafeTensors openFolder(Path folder) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Names of all tensors, in file order. */
    public Set<String> names() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The tensor of this name. @throws MissingTensorException naming the tensor and file when absent. */
    public Tensor tensor(String name) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Optional<Tensor> find(String name) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The header's {@code __metadata__} (empty when absent). */
    public Map<String, String> metadata() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Where the tensors come from (the file, or the folder for shards), for messages. */
    public Path source() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
