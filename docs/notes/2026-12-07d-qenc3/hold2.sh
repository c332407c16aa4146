#!/bin/bash
# hold2: encoder A/B (EncAB, 8 pairs), profiles B/A, fresh bench qwen 3 pairs
cd /work/build/qenc3/probe && ./encab.sh 8 4 /work/build/qenc3/base /work/qenc3 > encab2.txt 2>&1
cd /work/build/qenc3 && (echo "start $(date -u +%T) $(uptime)"; for arm in /work/qenc3 /work/build/qenc3/base /work/qenc3; do echo "== $arm"; ./qsb.sh $arm 4 profile | sed -n 3,18p; done; echo "end $(date -u +%T) $(uptime)") > prof-ab2.txt 2>&1
./fresh.sh 3 > fresh1.txt 2>&1
