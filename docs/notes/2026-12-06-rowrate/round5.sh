#!/bin/bash
# today's state (bench ceilings), then rows per pass 1/2/4 again (rounds 1-2 were partly disturbed)
cd /tmp/rowrate
echo "load $(cat /proc/loadavg) $(date -u +%T)"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -jar /work/build/rowrate/main.jar bench ceilings --threads 2 2>&1 | grep -v WARNING | tail -20
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2; do
echo "-- round $r $(date -u +%T)"
for s in 1 2 4; do ./rowrate bf16 bf16shift $s 0 20; done; ./rowrate bf16 bf16shift 2 1024 20 t0
for s in 1 2 4; do ./rowrate f16 f16shift $s 0 60; done
for s in 1 2 4; do ROWRATE_COPIES=4 ./rowrate f16 f16shift $s 0 30; done
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
