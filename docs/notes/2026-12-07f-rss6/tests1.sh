#!/bin/bash
. /work/build/rss6/env.sh
echo "tests1 start $(date +%T) $(uptime)"
cd /work/rss6 && mvn -B -ntp -o -pl kernels-cpu -am test 2>&1 | grep -E "Tests run:.*Fail|FAIL|BUILD|ERROR\]" | grep -v "Tests run:.*, Time elapsed" | tail -15
echo "tests1 end $(date +%T) $(uptime)"
