export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
echo "start $(date -u +%T) load $(cat /proc/loadavg)"
cd /work/files && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests || exit 1
cp bench/target/asr4j-bench.jar /work/build/files/labnotouch.jar
echo "built $(date -u +%T) load $(cat /proc/loadavg)"
d=/work/build/files/ab/notouch; mkdir -p $d
for i in 1 2 3; do
  if [ $((i % 2)) = 1 ]; then order="false true"; else order="true false"; fi
  for t in $order; do
    java -Dasr4j.lab.notouch=$t --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/files/labnotouch.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > $d/$t$i.txt 2>&1
    echo "$t$i $(date -u +%T) $(cat /proc/loadavg)"
  done
done
echo "end $(date -u +%T) load $(cat /proc/loadavg)"
