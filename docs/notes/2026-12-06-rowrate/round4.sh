#!/bin/bash
# confirmation: the same variants alternated three times; F16 also with its layers x4 (552 MB, past the L3)
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
CP=/work/build/rowrate/kcpu-main:/work/build/rowrate/k-main:/work/build/rowrate/loader-main:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do
echo "-- round $r $(date -u +%T)"
./rowrate bf16 read 4 0 20; $J bf16 40 20 2 2>/dev/null; ./rowrate bf16 bf16shift 4 0 20; ./rowrate bf16 bf16perm 4 0 20; ./rowrate bf16 bf16shift 4 1024 20 t0
ROWRATE_COPIES=4 ./rowrate f16 read 2 0 30; $J f16 100 30 2 4 2>/dev/null; ROWRATE_COPIES=4 ./rowrate f16 f16shift 2 0 30; ROWRATE_COPIES=4 ./rowrate f16 f16c 2 0 30; ROWRATE_COPIES=4 ./rowrate f16 f16shift 2 1024 30 t0; ROWRATE_COPIES=4 ./rowrate f16 f16c 2 1024 30 t0
./rowrate f16 read 2 0 60; $J f16 300 100 2 2>/dev/null; ./rowrate f16 f16shift 2 0 60; ./rowrate f16 f16c 2 0 60; ./rowrate f16 f16shift 2 1024 60 t0; ./rowrate f16 f16c 2 1024 60 t0
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
