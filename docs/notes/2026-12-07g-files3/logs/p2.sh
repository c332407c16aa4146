#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
TAG=${1:-base}; JAR=${2:-base.jar}
stamp "p2 start $TAG"
$J -cp probe-$TAG:tc-base:$JAR:$AJ io.github.asr4j.kernels.cpu.OctetProbe 8 400000 256 512 768 1024 2>&1 | grep -v WARN
$J -cp probe-$TAG:tc-base:$JAR:$AJ io.github.asr4j.kernels.cpu.OctetProbe 512 400000 768 2>&1 | grep -v WARN
stamp "p2 end"
