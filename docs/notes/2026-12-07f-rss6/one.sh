#!/bin/bash
# one.sh TREE TAG [extra java opts]: one gb0 transcription as the user runs it (AOT per env), sampled by pmap.py.
. /work/build/rss6/env.sh
tree=$1; tag=$2; shift 2
R=/work/build/rss6/runs
cd $tree
echo "$tag start $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) tree=$tree AOT=${ASR4J_AOT:-1}" >> $R/log.txt
ASR4J_JAVA_OPTS="$*" /usr/bin/time -f "%M KiB %e s %U user %S sys" -o $R/$tag.time \
  /work/build/rss6/pmap.py $tag -- ./asr4j transcribe --model /root/.cache/asr4j/bench/card-f16 --threads 2 ${JSON:+-f json --word_timestamps true -o $R/$tag.d} /work/shared/testdata/audio/long/gb0.wav > $R/$tag.stdout 2> $R/$tag.stderr
echo "$tag end $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $(cat $R/$tag.time) out-md5 $(cat $R/$tag.stdout $R/$tag.d/*.json 2>/dev/null | md5sum | cut -c1-8) $(head -1 $R/$tag.sum | cut -d' ' -f2-3)" >> $R/log.txt
tail -1 $R/log.txt
