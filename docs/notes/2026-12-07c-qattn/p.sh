#!/bin/bash
# usage: p.sh <base|new> args...
W=$1; shift
if [ $W = base ]; then CP=/work/build/qattn/base/kernels-cpu:/work/build/qattn/base/kernels:/work/build/qattn/base/loader
else CP=/work/qattn/kernels-cpu/target/classes:/work/qattn/kernels/target/classes:/work/qattn/loader/target/classes; fi
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector $JOPTS -Xmx4g -cp /work/build/qattn/probe:$CP QAttnProbe "$@" 2>&1 | grep -v WARN
