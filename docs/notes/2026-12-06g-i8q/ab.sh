#!/bin/bash
# usage: ab.sh OUT B-label B-jar : builds nothing; 2 holds of 2+2 alternated JVMs (A = main)
D=/work/i8q/docs/notes/2026-12-06g-i8q
out=$1; lab=$2; jar=$3
flock /work/notes/bench.lock $D/step.sh $out/h1 2 A=/work/build/i8q/A.jar $lab=$jar
flock /work/notes/bench.lock $D/step.sh $out/h2 2 $lab=$jar A=/work/build/i8q/A.jar
