#!/bin/bash
# args: jar threads passes huge variants cases...
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
jar=$1; shift
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Dasr4j.f16.normals=false -Xmx3g \
  -cp /work/build/wstep/$jar.jar:/work/build/wstep/probe io.github.asr4j.kernels.cpu.WstepProbe "$@" 2>&1 | grep -v "WARN\|INFO\|CpuProviders"
