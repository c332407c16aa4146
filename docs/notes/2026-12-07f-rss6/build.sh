#!/bin/bash
# build.sh TREE: the CLI jar of TREE (package, not install: ~/.m2 untouched), its AOT cache removed
. /work/build/rss6/env.sh
cd $1 && echo "build $1 start $(date +%T) $(uptime)" && mvn -B -ntp -q -o -pl examples -am package -DskipTests 2>&1 | tail -5; rm -f $1/examples/target/asr4j.aot; touch $1/examples/target/asr4j.jar; echo "build end $(date +%T) $(uptime)"
