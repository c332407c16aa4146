#!/bin/bash
# F16 one-row rate: asr4j's shift decode vs vcvtph2ps vs the interleaved-copy shift decode (one 512-bit load per 32 halves)
cd /tmp/s09p
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do
echo "-- round $r $(date -u +%T)"
for k in f16shift f16c f16il; do ./rowrate f16 $k 2 0 60; done
for k in f16shift f16c f16il; do ./rowrate f16 $k 4 0 60; done
for k in f16shift f16il; do ROWRATE_COPIES=4 ./rowrate f16 $k 2 0 30; done
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
