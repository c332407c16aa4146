#!/bin/bash
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
KCPU=${KCPU:-/work/build/rowrate/kcpu-main}
CP=$KCPU:/work/build/rowrate/k-main:/work/build/rowrate/loader-main:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
$J f16 300 100 2 2>/dev/null
./rowrate f16 read 2 0 60; ./rowrate f16 read 2 1024 60 t0
./rowrate f16 f16shift 2 0 60; ./rowrate f16 f16shift 2 1024 60 t0; ./rowrate f16 f16shift 2 1024 60 load; ./rowrate f16 f16shift 2 256 60 load
./rowrate f16 f16c 2 0 60; ./rowrate f16 f16c 2 1024 60 t0; ./rowrate f16 f16c 2 1024 60 load
$J f16 300 100 2 2>/dev/null
./rowrate f16 f16shift 4 1024 60 t0; ./rowrate f16 f16shift 2 4096 60 t0; ./rowrate f16 f16shift 2 1024 60 t2; ./rowrate f16 f16shift 2 1024 60 nta
$J f16 300 100 2 2>/dev/null
./rowrate bf16 read 4 0 20; ./rowrate bf16 read 4 1024 20 t0
$J bf16 40 20 2 2>/dev/null
./rowrate bf16 bf16shift 4 0 20; ./rowrate bf16 bf16shift 4 256 20 t0; ./rowrate bf16 bf16shift 4 1024 20 t0; ./rowrate bf16 bf16shift 4 4096 20 t0
./rowrate bf16 bf16shift 4 1024 20 load; ./rowrate bf16 bf16shift 4 1024 20 t2; ./rowrate bf16 bf16shift 1 1024 20 t0; ./rowrate bf16 bf16perm 4 1024 20 t0
$J bf16 40 20 2 2>/dev/null
echo "load $(cat /proc/loadavg) $(date -u +%T)"
