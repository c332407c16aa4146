cd /work/igemm
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0
uptime
for i in $(seq $2 $1); do for v in A B; do
  cp /tmp/igemm/$v-asr4j.jar examples/target/asr4j.jar
  ./asr4j profile --model ~/.cache/asr4j/bench/card-f16 /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --warmup 2 --max_tokens 1 --peak_gflops 293 --json /tmp/igemm/ab-$v-$i.json 2>&1 | grep "encoder  " | sed "s/^/$v $i /"
done; done
cp /tmp/igemm/B-asr4j.jar examples/target/asr4j.jar
uptime
