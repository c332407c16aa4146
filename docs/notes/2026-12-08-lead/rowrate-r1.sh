#!/bin/bash
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
M=/work/main
CP=$M/kernels-cpu/target/classes:$M/kernels/target/classes:$M/loader/target/classes:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do
echo "-- round $r $(date -u +%T)"
./rowrate f16 read 2 0 60; ./rowrate f16 f16shift 2 0 60; ./rowrate f16 f16shift 2 1024 60 t0; ./rowrate f16 f16c 2 0 60; ./rowrate f16 f16c 2 1024 60 t0; $J f16 300 100 2 2>/dev/null
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
