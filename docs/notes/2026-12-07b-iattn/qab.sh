# usage: qab.sh LAST FIRST : Qwen jfk measure-qwen with main's (A) / the branch's (B) bench jar, order rotated per pair
cd /work/iattn
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH ASR4J_AOT=0 OPENBLAS_CORETYPE=SkylakeX
date -u +%T; uptime
for i in $(seq $2 $1); do O="A B"; [ $((i % 2)) = 0 ] && O="B A"; for v in $O; do
  cp /work/build/iattn/$v-bench.jar bench/target/asr4j-bench.jar
  echo "== $v $i $(date -u +%T)"; ./asr4j bench measure-qwen --model /work/build/qwen3-asr-0.6b-shape --audio /work/shared/testdata/audio/jfk/jfk.wav --threads 2 --steps 33 --warm_runs 1 2>&1 | grep -i "encoder\|prefill" | head -6
done; done
cp /work/build/iattn/B-bench.jar bench/target/asr4j-bench.jar
date -u +%T; uptime
