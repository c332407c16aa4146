#!/bin/bash
# usage: run.sh <probe args...>  (compiles the probe against the worktree's classes first if needed)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
CP=/work/iattn/kernels-cpu/target/classes:/work/iattn/kernels/target/classes:/work/iattn/loader/target/classes
$J/java $JOPTS --add-modules jdk.incubator.vector -Xmx1g -cp /work/build/iattn/probe/classes:$CP io.github.asr4j.kernels.cpu.AttnProbe "$@" 2>&1 | grep -v WARN
