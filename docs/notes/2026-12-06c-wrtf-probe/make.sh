#!/bin/bash
# Builds the probes of docs/notes/2026-12-06c-wrtf.md into $2 (a folder outside the repo) from a worktree at $1
# (built: kernels-cpu/target/classes).
# The copies of project classes they compare against are made here with sed, not kept:
#   OldGemm    = VectorGemm of main 11fcd09 (the row-by-row pack), pack made package-private
#   NoCopyGemm = the branch's VectorGemm with the input strip copied only for a task's first strip (-Dskip=true; timing only)
#   AttQB      = VectorAttention with QUERY_BLOCK (-Dqb, strips) and VALUE_BLOCK (-Dvb) from properties (timing only)
#   GeluX2     = VectorGelu with its loop body written twice per iteration (made by hand from VectorGelu; not kept)
# Run: java --add-modules jdk.incubator.vector -Xmx4g -cp $2:$1/kernels-cpu/target/classes:$1/kernels/target/classes \
#        io.github.asr4j.kernels.cpu.PackAB 2 12 8      (also PackOnly 12, CopyAB 2 12 6, AttAB, GeluProbe)
set -e
t=$1; here=$(cd "$(dirname "$0")" && pwd); src=$t/kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu
w=$(mktemp -d); p=$w/io/github/asr4j/kernels/cpu; mkdir -p $p
git -C $t show 11fcd09:kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/VectorGemm.java \
  | sed 's/final class VectorGemm/final class OldGemm/; s/private static void pack/static void pack/' > $p/OldGemm.java
sed 's/final class VectorGemm/final class NoCopyGemm/; s/for (int r = 0; r < MR; r++) {/for (int r = 0; r < MR \&\& (!SKIP || i == i0); r++) {/; s/static final int MR = 6;/static final int MR = 6; static final boolean SKIP = Boolean.getBoolean("skip");/' $src/VectorGemm.java > $p/NoCopyGemm.java
sed 's/final class VectorAttention/final class AttQB/; s/private static final int QUERY_BLOCK = 4 \* VectorGemm.MR;/private static final int QUERY_BLOCK = Integer.getInteger("qb", 4) * VectorGemm.MR;/; s/private static final int VALUE_BLOCK = 256;/private static final int VALUE_BLOCK = Integer.getInteger("vb", 256);/' $src/VectorAttention.java > $p/AttQB.java
cp $here/PackAB.java $here/PackOnly.java $here/PackVariants.java $here/CopyAB.java $here/AttAB.java $here/GeluProbe.java $p/
javac --add-modules jdk.incubator.vector -cp $t/kernels-cpu/target/classes:$t/kernels/target/classes -d "$2" $p/*.java
