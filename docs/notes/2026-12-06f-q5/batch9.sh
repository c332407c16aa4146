#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
now=$(date -u +%H%M)
if [ "$now" -gt 1645 ]; then echo "== ab4 skipped at $(date -u +%T): too late"; exit 0; fi
echo "== ab4 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/q5/step.sh /work/build/q5/ab4 4 q5b=/work/build/q5/D.jar main=/work/build/q5/A.jar
echo "== ab4 end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
