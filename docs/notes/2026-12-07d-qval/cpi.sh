# cpi <base|new>: class path of the instrumented builds (base-src = main c5d816e + instrument2.patch; new = worktree + patch)
D=$(cat /work/build/qattn/deps.txt)
cpi() { local R=/work/qval; [ $1 = base ] && R=/work/build/qval/base-src; echo "/work/build/qval/probe-new:$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D"; }
J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g"
M=/work/build/qwen3-asr-0.6b-shape
