#!/bin/bash
# same bits: gb0 as JSON with word timestamps, each tree, -Xmx1g (the launcher's 243 MB runs out of heap with --word_timestamps in both trees)
cd /work/build/rss6
echo "hold6 start $(date +%T) $(uptime)" >> runs/log.txt
JSON=1 ./one.sh /work/build/rss6/A j2-A1 -Xmx1g
JSON=1 ./one.sh /work/rss6 j2-B1 -Xmx1g
echo "hold6 end $(date +%T) $(uptime)" >> runs/log.txt
