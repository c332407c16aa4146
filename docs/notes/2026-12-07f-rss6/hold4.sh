#!/bin/bash
cd /work/build/rss6
./ab.sh r B3 A3 B4 A4
