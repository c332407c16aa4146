export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
date -u +%T; uptime
cd /work/iattn && git checkout 5ca6cd7 -- kernels-cpu/src && mvn -B -ntp -q -o -pl bench -am install -DskipTests 2>&1 | tail -5
cp bench/target/asr4j-bench.jar /work/build/iattn/C-bench.jar
git checkout HEAD -- kernels-cpu/src && git status --short
date -u +%T
# A = main, B slot = commit 2 (no exp change)
cd /work/build/iattn && cp B-bench.jar B3-bench.jar && cp C-bench.jar B-bench.jar && bash qab.sh 10 1 ; cp B3-bench.jar B-bench.jar; cp B-bench.jar /work/iattn/bench/target/asr4j-bench.jar; cp B-asr4j.jar /work/iattn/examples/target/asr4j.jar
date -u +%T; uptime
