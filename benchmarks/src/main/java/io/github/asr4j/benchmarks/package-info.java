/**
 * JMH benchmarks of the compute kernels at Whisper's shapes, and {@link io.github.asr4j.benchmarks.KernelBenchmarks},
 * which runs them and reports GFLOP/s and GB/s against the machine's measured peaks.
 */
package io.github.asr4j.benchmarks;
