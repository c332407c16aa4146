#!/bin/bash
# ab.sh TAG ROUNDS ARMS... : alternated fresh-JVM measure-qwen children (jfk, 33 steps, warm_runs 0), arms rotated per round.
# Each ARM is NAME=JAVA_OPTS (JAVA_OPTS appended through ASR4J_JAVA_OPTS; the tree is /work/qfresh unless NAME starts with T: then /work/build/qfresh/treeT).
tag=$1; rounds=$2; shift 2; arms=("$@"); out=/work/build/qfresh/out; mkdir -p $out
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
n=${#arms[@]}
for r in $(seq 1 $rounds); do
  for k in $(seq 0 $((n-1))); do
    idx=$(( (k + r) % n )); spec=${arms[$idx]}; name=${spec%%=*}; opts=${spec#*=}
    d=/work/qfresh; [[ $name == T* ]] && d=/work/build/qfresh/tree$name
    (cd $d && ASR4J_JAVA_OPTS="$opts" ./asr4j bench measure-qwen --model /work/build/qwen3-asr-0.6b-shape --audio ${AUDIO:-/work/shared/testdata/audio/jfk/jfk.wav} --threads 2 --steps 33 --warm_runs ${WARM:-0}) > $out/$tag-r$r-$name.json 2>$out/$tag-r$r-$name.err
    echo "r$r $name rc=$? $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $(head -c 200 $out/$tag-r$r-$name.json)" >> $out/$tag.log
  done
done
echo "end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/$tag.log
