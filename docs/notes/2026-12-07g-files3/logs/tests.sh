#!/bin/bash
. /work/build/files3/env.sh
cd /work/files3
stamp "suite start $(git rev-parse --short HEAD)"
mvn -B -ntp -o -pl kernels-cpu -am test > /work/build/files3/suite.log 2>&1; echo "suite rc $?"
stamp "suite end / core start"
mvn -B -ntp -o -pl core -am test -Dtest='WhisperParityTest,*Batch*,BatchStepTest,KernelsCompileInC1Test' -Dsurefire.failIfNoSpecifiedTests=false > /work/build/files3/core.log 2>&1; echo "core rc $?"
stamp "core end"
/work/build/files3/p5.sh
