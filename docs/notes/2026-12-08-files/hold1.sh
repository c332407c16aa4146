export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
echo "start $(date -u +%T) load $(cat /proc/loadavg)"
cd /work/files && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests || exit 1
cp bench/target/asr4j-bench.jar /work/build/files/files.jar
echo "built $(date -u +%T) load $(cat /proc/loadavg)"
d=/work/build/files/ab/ab1; mkdir -p $d
for i in 1 2 3 4; do
  if [ $((i % 2)) = 1 ]; then order="main files"; else order="files main"; fi
  for arm in $order; do
    jar=/work/build/files/$arm.jar; [ $arm = main ] && jar=/work/build/files/base.jar
    java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp $jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $d/$arm$i.txt 2>&1
    echo "$arm$i $(date -u +%T) $(cat /proc/loadavg)"
  done
done
echo "ab end $(date -u +%T) load $(cat /proc/loadavg)"
mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='GroupedAttentionTest,DecoderStepKernelsTest,KeyTilesTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run|FAIL|ERROR|BUILD" | tail -15
echo "end $(date -u +%T) load $(cat /proc/loadavg)"
