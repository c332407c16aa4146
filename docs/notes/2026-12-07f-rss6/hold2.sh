#!/bin/bash
. /work/build/rss6/env.sh
F=/work/rss6/kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/F16Normals.java
echo "hold2 start $(date +%T) $(uptime)"
cd /work/rss6
cp /work/build/rss6/F16Normals.prev $F
echo "== test with the previous recode (8ce2f36)"; mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16NormalsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD|expected|page [0-9]" | head -12
cp /work/build/rss6/F16Normals.fixed $F
echo "== test with the fix"; mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16NormalsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD" | head -8
cd /work/build/rss6
./build.sh /work/rss6
./one.sh /work/rss6 trainB2
DUMP_AT=7.5 STOP_AT=8.5 ./one.sh /work/rss6 dB3
echo "hold2 end $(date +%T) $(uptime)"
