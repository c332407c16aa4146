#!/bin/bash
# usage: probe.sh threads rounds variants...
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g $JOPTS -cp /work/build/qstep/cls:/work/qstep/bench/target/classes:/work/qstep/kernels-cpu/target/classes:/work/qstep/kernels/target/classes:/work/qstep/loader/target/classes QStepProbe /work/build/qwen3-asr-0.6b-shape/model.safetensors "$@" 2>&1 | grep -v WARN
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
