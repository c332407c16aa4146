#!/bin/bash
. /work/build/rss6/env.sh
echo "tests2 start $(date +%T) $(uptime)"
cd /work/rss6 && mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "Tests run:|FAIL|BUILD|ERROR\]" | tail -8
echo "tests2 end $(date +%T) $(uptime)"
