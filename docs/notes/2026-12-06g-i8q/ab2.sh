#!/bin/bash
# second A/B, the branch first: 2 holds of 2+2 alternated JVMs (A = main 2cc3aea, B5 = d1a851c)
D=/work/i8q/docs/notes/2026-12-06g-i8q
flock /work/notes/bench.lock $D/step.sh /work/build/i8q/ab2/h1 2 B5=/work/build/i8q/B5.jar A=/work/build/i8q/A.jar
flock /work/notes/bench.lock $D/step.sh /work/build/i8q/ab2/h2 2 A=/work/build/i8q/A.jar B5=/work/build/i8q/B5.jar
