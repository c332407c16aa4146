#!/bin/bash
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
KCPU=${KCPU:-/work/build/rowrate/kcpu-main}
CP=$KCPU:/work/build/rowrate/k-main:/work/build/rowrate/loader-main:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
./rowrate bf16 read 4 0 20; 
$J bf16 40 20 2 2>/dev/null
./rowrate bf16 bf16shift 4 0 20; ./rowrate bf16 bf16shift 4 1024 20 t0; ./rowrate bf16 bf16shift 4 4096 20 t0; ./rowrate bf16 bf16shift 4 1024 20 load
./rowrate bf16 bf16shift 4 0 20 memcpy; ./rowrate bf16 bf16shift 4 0 20 movsb; ./rowrate bf16 bf16shift 1 1024 20 t0; ./rowrate bf16 bf16shift 1 0 20 memcpy
$J bf16 40 20 2 2>/dev/null
./rowrate f16 f16shift 2 0 60; ./rowrate f16 f16shift 2 0 60 memcpy; ./rowrate f16 f16shift 2 0 60 movsb
./rowrate f16 f16shift 2 4096 60 t0; ./rowrate f16 f16shift 2 1024 60 t2; ./rowrate f16 f16shift 2 1024 60 nta; ./rowrate f16 f16shift 4 1024 60 t0
$J f16 300 100 2 2>/dev/null
echo "load $(cat /proc/loadavg) $(date -u +%T)"
