#!/bin/bash
# kernel probe, main (A) against the branch (B5), alternated: one thread from L2 (hot) and two threads from memory (cold)
D=/work/i8q/docs/notes/2026-12-06g-i8q
for arm in A B5 A B5; do
  echo "== $arm $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  $D/probe.sh /work/build/i8q/$arm.jar 1 5 hot 768x768,3072x768 1
  $D/probe.sh /work/build/i8q/$arm.jar 2 5 cold 768x768,768x3072,3072x768,768x51865 1
  $D/probe.sh /work/build/i8q/$arm.jar 2 16 cold 768x768,768x3072,3072x768,768x51865 1
done
echo "== end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
