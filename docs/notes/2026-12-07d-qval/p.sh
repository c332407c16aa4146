#!/bin/bash
# usage: p.sh <base|new> QvalProbe args...
W=$1; shift
if [ $W = base ]; then B=/work/build/qval/base; CP=$B/kernels-cpu/classes:$B/kernels/classes:$B/loader/classes
else R=/work/qval; CP=$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes; fi
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector $JOPTS -Xmx4g -cp /work/build/qval/probe:$CP QvalProbe "$@" 2>&1 | grep -v WARN
