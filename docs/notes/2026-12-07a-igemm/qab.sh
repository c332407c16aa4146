cd /work/igemm
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX
uptime
for i in 1 2 3 4; do for v in A B; do
  cp /tmp/igemm/$v-bench.jar bench/target/asr4j-bench.jar
  echo "== $v $i $(date -u +%T)"; ./asr4j bench qwen --model /work/build/qwen3-asr-0.6b-shape --audio /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --rounds 2 2>&1 | grep -i "encoder\|prefill" | head -6
done; done
cp /tmp/igemm/B-bench.jar bench/target/asr4j-bench.jar
uptime
