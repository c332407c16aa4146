#!/bin/bash
cd /tmp/s09p
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3 4; do for k in "f16shift 2" "f16shift 4" "f16c 2"; do ./rowrate f16 $k 0 60; done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
