# cpof <base|new>: the class path of QwenSpeedBenchmark / QvalHash
D=$(cat /work/build/qattn/deps.txt)
cpof() { if [ $1 = base ]; then local B=/work/build/qval/base; echo "/work/build/qval/probe:$B/core/test-classes:$B/core/classes:$B/kernels-cpu/classes:$B/kernels/classes:$B/loader/classes:$B/tokenizer/classes:$B/testkit/classes:$D";
  else local R=${QB:-/work/qval}; echo "/work/build/qval/probe:$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D"; fi; }
J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g"
M=/work/build/qwen3-asr-0.6b-shape
