J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -Xmx2g -cp /tmp/igemm/probe:/work/igemm/kernels-cpu/target/classes:/work/igemm/kernels/target/classes:/work/igemm/loader/target/classes"
uptime
for cfg in "$@"; do $J io.github.asr4j.kernels.cpu.KProbe $cfg 2>&1 | grep -v WARN | tail -5 | cut -c1-62; done
uptime
