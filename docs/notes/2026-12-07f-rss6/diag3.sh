#!/bin/bash
cd /work/build/rss6
STOP_AT=24 ./one.sh /work/rss6 dB4 -XX:+PrintCompilation -XX:CompileCommand=MemStat,*::*,print
