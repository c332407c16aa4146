#!/bin/bash
# run.sh ROOT PROBECLASSES args...
R=$1; O=$2; shift 2
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx3g $JOPTS -cp $O:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes io.github.asr4j.kernels.cpu.${CLS:-GemmMap4} "$@" 2>&1 | grep -v WARN
