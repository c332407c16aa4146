#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/xq5
uptime
for m in a_specials_k2 b_values_x0 c_no_fallback d_tail_chain e_weights_unscaled; do
  python3 /work/build/xq5/mut/mut.py $m || { echo "$m: apply failed"; continue; }
  mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='CacheKernelsTest,KeyTilesTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/xq5/mut/$m.log 2>&1
  echo "$m: rc $? ; $(grep -E '^\[ERROR\] +[A-Za-z]+Test\.' /work/build/xq5/mut/$m.log | head -3 | tr '\n' ' ')"
  git checkout -q -- kernels-cpu/src/main
done
git status --short
uptime
