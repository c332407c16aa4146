/**
 * The backend contract: tensors held by a backend, the op set, weight formats. Backends are found
 * through {@link io.github.asr4j.kernels.BackendProvider} (ServiceLoader): the CPU ones live in
 * {@code io.github.asr4j.kernels.cpu}, a CUDA one can be one more module that core does not know.
 */
module io.github.asr4j.kernels {
    requires transitive io.github.asr4j.loader;

    exports io.github.asr4j.kernels;

    uses io.github.asr4j.kernels.BackendProvider;
    uses io.github.asr4j.kernels.Reductions;
}
