#!/bin/bash
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
M=/work/main
CP=$M/kernels-cpu/target/classes:$M/kernels/target/classes:$M/loader/target/classes:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do
echo "-- round $r $(date -u +%T)"
$J f16 300 100 2 2>/dev/null; ROWRATE_HUGE=1 $J f16 300 100 2 2>/dev/null | sed 's/java /java-huge/'
ROWRATE_HUGE=1 $J f16 300 100 2 2>/dev/null | sed 's/java /java-huge/'; $J f16 300 100 2 2>/dev/null
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
