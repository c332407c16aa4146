#!/bin/bash
. /work/build/rss5/env.sh
echo "tests start $(date +%T) $(uptime)"
cd /work/rss5 && mvn -B -ntp -o -pl kernels-cpu -am test -Dtest='F16InterleavedRowsTest,KernelsCompileInC1Test,F16RowFoldTest,F16NormalsTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E 'Tests run|FAIL|ERROR|BUILD' | tail -12
echo "tests end $(date +%T) $(uptime)"
