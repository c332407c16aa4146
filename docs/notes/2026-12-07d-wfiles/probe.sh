#!/bin/bash
# args: classes-dir threads steps rounds modes [files] [evictMB] [same]
source /work/build/wfiles/env.sh
c=$1; shift
W=/work/wfiles
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g \
  -cp /work/build/wfiles/$c:$W/kernels/target/classes:$W/loader/target/classes:/work/build/wfiles/probe \
  io.github.asr4j.kernels.cpu.CrossProbe "$@" 2>&1 | grep -v "WARN\|INFO\|CpuProviders"
