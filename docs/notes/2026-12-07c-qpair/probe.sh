#!/bin/bash
# usage: probe.sh threads rounds variants...   (QPairProbe = QStepProbe + s8e, built against the qpair worktree classes)
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
W=/work/qpair; I=/work/integ; CP=$I/bench/target/classes:$I/kernels-cpu/target/classes:$I/kernels/target/classes:$I/loader/target/classes
mkdir -p /work/build/qpair/cls && javac -nowarn --add-modules jdk.incubator.vector -d /work/build/qpair/cls -cp $CP $W/docs/notes/2026-12-07c-qpair/QPairProbe.java 2>&1 | grep -v "warning\|incubat" 
echo "start $(date -u +%T) $(uptime | sed 's/.*load/load/')"
java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g $JOPTS -cp /work/build/qpair/cls:$CP QPairProbe /work/build/qwen3-asr-0.6b-shape/model.safetensors "$@" 2>&1 | grep -v WARN
echo "end $(date -u +%T) $(uptime | sed 's/.*load/load/')"
