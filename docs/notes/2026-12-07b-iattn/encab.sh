# usage: encab.sh LAST FIRST [tag] : pairs FIRST..LAST of main's (A) and the branch's (B) CLI jar, profile of card-f16 encoder
cd /work/iattn
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
T=${3:-e}
date -u +%T; uptime
for i in $(seq $2 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  cp /work/build/iattn/$v-asr4j.jar examples/target/asr4j.jar
  ./asr4j profile --model ~/.cache/asr4j/bench/card-f16 /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --warmup 2 --max_tokens 1 --peak_gflops 293 --json /work/build/iattn/$T-$v-$i.json 2>&1 | grep "encoder  " | sed "s/^/$v $i /"
done; done
cp /work/build/iattn/B-asr4j.jar examples/target/asr4j.jar
date -u +%T; uptime
