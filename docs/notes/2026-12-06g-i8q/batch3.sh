#!/bin/bash
# fc2 shape (3072 in) with five rows: parts (B2 default) against whole-row pairs (-Di8q.longPairs=true), alternated
D=/work/i8q/docs/notes/2026-12-06g-i8q
$D/build.sh /work/i8q /work/build/i8q/B2.jar
for r in 1 2; do
  for opt in "" "-Di8q.longPairs=true"; do
    echo "== B2 '$opt' $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B2.jar 2 5 cold 3072x768,768x768 2
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B2.jar 1 5 hot 3072x768 1
  done
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
