#!/bin/bash
. /work/build/rss5/env.sh
echo "hold1 start $(date +%T) $(uptime)"
cd /work/rss5 && mvn -B -ntp -q -o -pl examples -am package -DskipTests 2>&1 | tail -3; rm -f /work/rss5/examples/target/asr4j.aot
cd /work/build/rss5
./one.sh /work/rss5 trainB
./ab.sh f B A
for t in A B A B; do T=$([ $t = A ] && echo /work/build/rss5/A || echo /work/rss5); SAMPLER=/work/build/rss5/series.py STOP_AT=16 ./one2.sh $T sp-$t-$RANDOM; done
echo "hold1 end $(date +%T) $(uptime)"
