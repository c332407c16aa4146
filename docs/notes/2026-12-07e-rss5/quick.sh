#!/bin/bash
# quick.sh TREE TAG [opts]: first 14 s of the gb0 run (covers the 8 s spike), sampled
STOP_AT=${STOP_AT:-14} /work/build/rss5/one.sh "$@"
