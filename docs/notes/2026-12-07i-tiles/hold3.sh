#!/bin/bash
echo "hold3 got lock $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/tiles/build.sh fin:/work/build/tiles/fin
/work/build/tiles/ab.sh s2 5 fin.jar
/work/build/tiles/qab2.sh 3 q2
echo "hold3 release $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
