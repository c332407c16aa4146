#!/bin/bash
# F16: vcvtph2ps into an L1 float buffer, then the dots (two passes: the shape a pure-Java decode by C2's
# auto-vectorized Float.float16ToFloat would have), against the one-pass decodes
cd /tmp/rowrate
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
CP=/work/build/rowrate/kcpu-main:/work/build/rowrate/k-main:/work/build/rowrate/loader-main:/tmp/rowrate
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp $CP RowRate"
echo "load $(cat /proc/loadavg) $(date -u +%T)"
for r in 1 2 3; do
echo "-- round $r $(date -u +%T)"
./rowrate.new f16 f16shift 2 0 60; ./rowrate.new f16 f16c 2 0 60; ./rowrate.new f16 f16c 2 0 60 conv; ./rowrate.new f16 f16c 1 0 60 conv; $J f16 300 100 2 2>/dev/null
ROWRATE_COPIES=4 ./rowrate.new f16 f16shift 2 0 30; ROWRATE_COPIES=4 ./rowrate.new f16 f16c 2 0 30; ROWRATE_COPIES=4 ./rowrate.new f16 f16c 2 0 30 conv
done
echo "load $(cat /proc/loadavg) $(date -u +%T)"
