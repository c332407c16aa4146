#!/bin/bash
. /work/build/files3/env.sh
cd /work/build/files3
stamp "map start"
$J -cp base.jar io.github.asr4j.bench.DecoderStepFigures /work/shared card F16 F16 2 3 > map1.txt 2>&1
stamp "map end"
