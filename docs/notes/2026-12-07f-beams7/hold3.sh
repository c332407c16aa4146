#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
cd /work/build/beams7
echo "hold3 start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd /work/beams7 && echo "building $(git rev-parse --short HEAD)" && mvn -B -ntp -q -o -pl bench -am package -DskipTests 2>&1 | tail -5; cp bench/target/asr4j-bench.jar /work/build/beams7/q3.jar)
echo "built $(date -u +%T)"
J="java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g"
rm -rf hash-q3; javac -nowarn --add-modules=jdk.incubator.vector -cp q3.jar -d hash-q3 /work/beams7/docs/notes/2026-12-07e-beams6/BeamHash.java 2>&1 | grep -v warning
for t in 1 2; do echo "q3: threads $t: $($J -cp hash-q3:q3.jar io.github.asr4j.bench.BeamHash ~/.cache/asr4j/bench/card-f16 $t 2>&1 | grep -v -e WARN -e INFO -e CpuProviders)"; done
TC=/work/beams7/kernels-cpu/target/test-classes
rm -rf probe; javac -nowarn --add-modules=jdk.incubator.vector -cp q2.jar:$TC -d probe QuadProbe.java 2>&1 | grep -v warning
echo "probe start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 1 2 3 4; do for a in q2 q3; do [ $((i%2)) = 0 ] && a=$([ $a = q2 ] && echo q3 || echo q2)
  echo "$i $a $($J -cp probe:$a.jar:$TC io.github.asr4j.kernels.cpu.QuadProbe 20000 2>&1 | grep -E 'us a call|hash' | tr '\n' ' ')"; done; done
echo "probe end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
P='io.github.asr4j.kernels.cpu.F16Weights$Simd'
for a in q3; do for m in dots5QuadF16 foldQuadSums16; do
LD_LIBRARY_PATH=/work/build/ifold/hsdis $J -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel "-XX:CompileCommand=print,$P::$m" \
  -cp $a.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 1 5 2 24 > asm/$a-$m.txt 2>&1
done; done
./ab.sh ab2 4 base.jar q3.jar
echo "hold3 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
