#!/bin/bash
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
cd /work/beams7
echo "kernels-cpu start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $(git rev-parse --short HEAD)"
mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/beams7/suite.log 2>&1; echo "rc $?"
echo "kernels-cpu end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -ntp -o -pl core -am test -Dtest='BeamsStepTogetherTest,BatchStepTest,BeamSearchDecoderTest,WhisperParityTest,HalfKvCacheTest,BatchTranscriptionTest' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/beams7/core.log 2>&1; echo "rc $?"
echo "core end $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
