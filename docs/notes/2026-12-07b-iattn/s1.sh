set -e
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
date -u +%T; uptime
cd /work/iattn && mvn -B -ntp -q -o -pl kernels-cpu install -DskipTests 2>&1 | tail -5
date -u +%T
mkdir -p /work/build/iattn/probe/classes
javac --add-modules jdk.incubator.vector -d /work/build/iattn/probe/classes -cp kernels-cpu/target/classes:kernels/target/classes:loader/target/classes /work/build/iattn/probe/src/io/github/asr4j/kernels/cpu/*.java 2>&1 | grep -v "warning\|incubat" || true
R=/work/build/iattn/run.sh
$R bits
for t in 1 2; do $R split card $t 10; $R split qwin $t 300; $R split pre $t 200; done
uptime
$R ab card 2 8 10
$R ab qwin 2 8 200
date -u +%T; uptime
