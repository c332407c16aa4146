#!/bin/bash
# gb0.sh JAR TREE [java opts...] -> card F16 bench on gb0, one round, JSON on stdout
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
jar=$1; tree=$2; shift 2
cd $tree
exec java --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dasr4j.stderr.terminal=false -Dasr4j.jit.directive=false -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$tree/tools/c2-directives.json -XX:+DisplayVMOutputToStderr "$@" -jar "$jar" bench --models card --dtypes f16 --threads 2 --rounds 1 --json --audio /work/shared/testdata/audio/long/gb0.wav
