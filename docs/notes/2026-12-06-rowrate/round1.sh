#!/bin/bash
# one round: C variants and asr4j's kernels (Java) alternated
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
KCPU=${KCPU:-/work/build/rowrate/kcpu-main}
CP=$KCPU:/work/build/rowrate/k-main:/work/build/rowrate/loader-main:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
$J f16 300 100 2 2>/dev/null
./rowrate f16 read 1 0 60; ./rowrate f16 read 2 0 60; ./rowrate f16 read 4 0 60
./rowrate f16 f16c 1 0 60; ./rowrate f16 f16c 2 0 60; ./rowrate f16 f16c 4 0 60
$J f16 300 100 2 2>/dev/null
./rowrate f16 f16shift 1 0 60; ./rowrate f16 f16shift 2 0 60; ./rowrate f16 f16shift 4 0 60
./rowrate f16 f16shift 2 512 60; ./rowrate f16 f16shift 2 2048 60; ./rowrate f16 f16c 2 1024 60
$J f16 300 100 2 2>/dev/null
./rowrate bf16 read 1 0 20; ./rowrate bf16 read 4 0 20
$J bf16 40 20 2 2>/dev/null
./rowrate bf16 bf16shift 1 0 20; ./rowrate bf16 bf16shift 2 0 20; ./rowrate bf16 bf16shift 4 0 20
./rowrate bf16 bf16perm 4 0 20; ./rowrate bf16 bf16perm 4 1024 20
$J bf16 40 20 2 2>/dev/null
echo "load $(cat /proc/loadavg) $(date -u +%T)"
