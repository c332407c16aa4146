/**
 * The CPU backends: Vector API kernels, and the plain-Java fallback chosen when
 * {@code jdk.incubator.vector} is not in the boot layer (the module is optional).
 */
module io.github.asr4j.kernels.cpu {
    requires io.github.asr4j.kernels;
    requires static jdk.incubator.vector;
    requires static java.management; // VectorApiDirective, where the runtime has it

    provides io.github.asr4j.kernels.BackendProvider with
            io.github.asr4j.kernels.cpu.CpuProviders.Cpu,
            io.github.asr4j.kernels.cpu.CpuProviders.Vector,
            io.github.asr4j.kernels.cpu.CpuProviders.Scalar;
    provides io.github.asr4j.kernels.Reductions with io.github.asr4j.kernels.cpu.CpuReductions;
}
