#!/bin/bash
# the pair kernels' lane folds: rearranges (default) against 256/128-bit halves (-Di8q.halves=true), alternated
D=/work/i8q/docs/notes/2026-12-06g-i8q
$D/build.sh /work/i8q /work/build/i8q/B4.jar || exit 1
for r in 1 2; do
  for opt in "" "-Di8q.halves=true"; do
    echo "== B4 '$opt' $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B4.jar 1 5 hot 768x768,768x3072 1
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B4.jar 1 4 hot 768x768,768x3072 1
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B4.jar 2 5 cold 768x51865 1
    PROBE_OPTS="$opt" $D/probe.sh /work/build/i8q/B4.jar 2 16 cold 768x51865 1
  done
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
