#!/bin/bash
# C2's code of the tile kernels, old (OldTiles) and new (VectorOps), through ifold's objdump hsdis shim
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cc=""
for k in tileScores tileScoresHalves tileScores4 tileScores5 tileScores2At; do
  cc="$cc -XX:CompileCommand=print,io.github.asr4j.kernels.cpu.VectorOps::$k -XX:CompileCommand=print,io.github.asr4j.kernels.cpu.OldTiles::$k"
done
LD_LIBRARY_PATH=/work/build/tiles/hsdis java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow \
  -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel $cc \
  -cp /work/build/tiles/probe:/work/build/tiles/tiles.jar io.github.asr4j.kernels.cpu.TileLoopProbe 5 50 > /work/build/tiles/asm.txt 2>&1
grep -c "" /work/build/tiles/asm.txt
