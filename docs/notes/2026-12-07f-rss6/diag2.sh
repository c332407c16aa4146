#!/bin/bash
cd /work/build/rss6
DUMP_AT=7.5 STOP_AT=8.5 ./one.sh /work/rss6 dB2
DUMP_AT=7.5 STOP_AT=8.5 ./one.sh /work/build/rss6/A dA2
