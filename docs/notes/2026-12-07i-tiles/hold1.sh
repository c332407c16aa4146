#!/bin/bash
echo "hold1 got lock $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
/work/build/tiles/build.sh s5:/work/build/tiles/s5
/work/build/tiles/probe.sh 3 21 300
/work/build/tiles/ab3.sh s1 4
/work/build/tiles/qab.sh 4 q1
echo "hold1 release $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
