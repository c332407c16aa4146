#!/bin/bash
cd /tmp/s09p
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3 4; do for k in "f16shift 2" "f16shift 4" "f16shift 8"; do ./rowrate8 f16 $k 0 60 | cut -c1-100; done; done
for r in 1 2; do for k in "f16shift 2" "f16shift 4" "f16shift 8"; do ROWRATE_COPIES=4 ./rowrate8 f16 $k 0 30 | cut -c1-100; done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
