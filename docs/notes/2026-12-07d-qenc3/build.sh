#!/bin/bash
# build.sh ROOT OUTDIR: compile GemmMap against ROOT's kernels classes
R=$1; O=$2; mkdir -p $O
/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --add-modules jdk.incubator.vector -nowarn -d $O -cp $R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes /work/build/qenc3/probe/src/io/github/asr4j/kernels/cpu/GemmMap.java 2>&1 | grep -v "warning\|incubat"
