export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
date -u +%T; uptime
cd /work/iattn && mvn -B -ntp -q -o -pl kernels-cpu install -DskipTests 2>&1 | tail -5
rm -rf /work/build/iattn/probe/classes; mkdir -p /work/build/iattn/probe/classes
javac --add-modules jdk.incubator.vector -d /work/build/iattn/probe/classes -cp kernels-cpu/target/classes:kernels/target/classes:loader/target/classes /work/build/iattn/probe/src/io/github/asr4j/kernels/cpu/*.java 2>&1 | grep -v "warning\|incubat"
R=/work/build/iattn/run.sh
date -u +%T
$R bits
JOPTS="-Dbase=main -Dnew=branch" $R ab card 2 8 10 | grep SUMMARY
JOPTS="-Dbase=step1 -Dnew=step2" $R ab card 2 8 10 | grep SUMMARY
JOPTS="-Dbase=step2 -Dnew=branch" $R ab card 2 8 10 | grep SUMMARY
JOPTS="-Dbase=main -Dnew=step1" $R ab card 2 8 10 | grep SUMMARY
JOPTS="-Dbase=main -Dnew=branch" $R ab card 1 8 6 | grep SUMMARY
JOPTS="-Dbase=main -Dnew=branch" $R ab qwin 2 8 200 | grep SUMMARY
JOPTS="-Dbase=main -Dnew=branch" $R ab pre 2 8 100 | grep SUMMARY
date -u +%T; uptime
mvn -B -ntp -o -pl kernels-cpu test -Dtest='AttentionLayoutTest,VectorExpTest,AttentionTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|ERROR|BUILD" | tail -9
date -u +%T; uptime
