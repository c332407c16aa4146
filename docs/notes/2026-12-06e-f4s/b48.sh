#!/bin/bash
cd /tmp/s09p
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do for k in "read 4" "bf16perm 4" "bf16perm 8" "bf16shift 4" "bf16shift 8"; do ./rowrate8 bf16 $k 0 20 | cut -c1-100; done; done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
