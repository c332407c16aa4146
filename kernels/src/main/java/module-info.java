/**
 * The backend contract ({@code io.github.asr4j.kernels}) and the CPU backends. The Vector API is
 * optional: without {@code --add-modules jdk.incubator.vector} the plain-Java backend runs.
 */
module io.github.asr4j.kernels {
    requires transitive io.github.asr4j.loader;
    requires static jdk.incubator.vector;

    exports io.github.asr4j.kernels;
}
