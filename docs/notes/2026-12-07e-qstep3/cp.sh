# cpof <base|new|inst>: the class path of the probes (base = main's classes copied at 11:33; new = the worktree; inst = base + instrument.patch's two classes)
D=$(cat /work/build/qattn/deps.txt)
modcp() { local B=$1; echo "$B/core/test-classes:$B/core/classes:$B/kernels-cpu/classes:$B/kernels/classes:$B/loader/classes:$B/tokenizer/classes:$B/testkit/classes"; }
cpof() { case $1 in
  base) echo "/work/build/qstep3/probe:$(modcp /work/build/qstep3/base):$D";;
  inst) echo "/work/build/qstep3/probe:/work/build/qstep3/inst:$(modcp /work/build/qstep3/base):$D";;
  new) local R=/work/qstep3; echo "/work/build/qstep3/probe:$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D";;
  instnew) local R=/work/qstep3; echo "/work/build/qstep3/probe:/work/build/qstep3/inst:$R/core/target/test-classes:$R/core/target/classes:$R/kernels-cpu/target/classes:$R/kernels/target/classes:$R/loader/target/classes:$R/tokenizer/target/classes:$R/testkit/target/classes:$D";;
  new1) echo "/work/build/qstep3/probe:$(modcp /work/build/qstep3/new1):$D";;
  t4) echo "/work/build/qstep3/probe:/work/build/qstep3/t4:$(modcp /work/build/qstep3/new1):$D";;
  *) echo "/work/build/qstep3/probe:/work/build/qstep3/$1:$(modcp /work/build/qstep3/base):$D";;
  esac; }
J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow -Xmx6g"
M=/work/build/qwen3-asr-0.6b-shape
A=/work/shared/testdata/audio
