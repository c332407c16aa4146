#!/bin/bash
# ab.sh TAG N ARMS... : alternated gb0 bench (one round per JVM), jars /work/build/wrtf-ARM.jar
tag=$1; n=$2; shift 2
for i in $(seq 1 $n); do
  for arm in "$@"; do
    flock /work/notes/bench.lock sh -c "echo \"\$(date +%T) $arm start load \$(cat /proc/loadavg)\"; /tmp/wrtf/gb0.sh /work/build/wrtf-$arm.jar /work/wrtf > /tmp/wrtf/ab-$tag-$i-$arm.json 2>/tmp/wrtf/ab-$tag-$i-$arm.err; echo \"\$(date +%T) $arm end load \$(cat /proc/loadavg)\""
  done
done
