#!/bin/bash
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cd /tmp/q5
echo "== batch7 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf new4 && mkdir new4 && javac -nowarn --add-modules jdk.incubator.vector -d new4 -cp kernels:loader $(find src4 -name "*.java" | grep -v module-info) 2>&1 | grep -v "^Note\|warning"
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -cp /tmp/q5/out:/tmp/q5/new4:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Check5 2>&1 | grep -v WARN
LD_LIBRARY_PATH=/tmp/genc/hsdis timeout 60 java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet '-XX:CompileCommand=print,io.github.asr4j.kernels.cpu.F16Weights$Simd::dots5QuadF16' --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx2g -cp /tmp/q5/out:/tmp/q5/new4:/tmp/q5/kernels:/tmp/q5/loader io.github.asr4j.kernels.cpu.Probe16 1 5 hot 768x768 > asm_quad5b.txt 2>&1
for arm in new4 new2 base new4 new2 base; do
  echo "-- $arm $(date -u +%T)"
  ./probe.sh /tmp/q5/$arm 1 5 hot 768x768,768x2304
  ./probe.sh /tmp/q5/$arm 2 5 cold 768x768,768x2304,768x3072,768x51865
done
echo "== batch7 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
