#!/bin/bash
# enc.sh ARM : encoder figure on jfk (3 rounds, no steps together), JSON on stdout
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
cd /work/wrtf
exec java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dasr4j.stderr.terminal=false -Dasr4j.jit.directive=false -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/work/wrtf/tools/c2-directives.json -XX:+DisplayVMOutputToStderr -jar /work/build/wrtf-$1.jar bench --models card --dtypes f16 --threads 2 --rounds 3 --no-steps_together --json --audio /work/shared/testdata/audio/jfk/jfk.wav
