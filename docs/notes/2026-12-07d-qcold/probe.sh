#!/bin/bash
# probe.sh TREE [EXTRA JVM FLAGS...]: ColdProbe (jfk, 2 threads, 33 steps, 1 run) in a fresh JVM with the launcher's Qwen
set -f
# JIT flags (as `./asr4j bench measure-qwen` gets them, 2026-12-07 main), the tree's bench jar and tools.
# PROBE_CP: the folder holding ColdProbe.class. PROBE_RUNS: runs in the JVM (default 1).
tree=$1; shift
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
jit=(-Dasr4j.jit.directive=false -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$tree/tools/c2-directives-qwen.json
  -XX:+DisplayVMOutputToStderr -XX:CompileCommand=quiet -XX:Tier3DelayOn=100000)
for m in $(grep -o "'[A-Za-z0-9\$]*::[A-Za-z0-9*]*,[0-9.]*'" $tree/asr4j | tr -d "'"); do
  jit+=(-XX:CompileCommand=CompileThresholdScaling,io.github.asr4j.kernels.cpu.$m)
done
exec $J --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx442m "${jit[@]}" "$@" \
  -cp $tree/bench/target/asr4j-bench.jar:${PROBE_CP:-/work/build/qcold/cls} ColdProbe \
  /work/build/qwen3-asr-0.6b-shape /work/shared/testdata/audio/jfk/jfk.wav 2 33 ${PROBE_RUNS:-1}
