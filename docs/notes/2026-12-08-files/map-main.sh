set -e
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
echo "start $(date -u +%T) load $(cat /proc/loadavg)"
cd /work/build/files/main-tree && mvn -B -ntp -q -o -pl examples,bench -am package -DskipTests
ls -la bench/target/*.jar
J=bench/target/asr4j-bench.jar
cp $J /work/build/files/base.jar
echo "built $(date -u +%T) load $(cat /proc/loadavg)"
for i in 1 2; do
java --add-modules=jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx4g -cp /work/build/files/base.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3
echo "map$i end $(date -u +%T) load $(cat /proc/loadavg)"
done
