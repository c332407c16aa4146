J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx1g -cp /tmp/igemm/probe:/work/igemm/kernels-cpu/target/classes:/work/igemm/kernels/target/classes:/work/igemm/loader/target/classes"
uptime
$J io.github.asr4j.kernels.cpu.GemmAB "$@" 2>&1 | grep -v WARN
uptime
