#!/bin/bash
cd /work/build/rss6
JSON=1 ./ab.sh j A1 B1
