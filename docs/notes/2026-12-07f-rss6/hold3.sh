#!/bin/bash
cd /work/build/rss6
./ab.sh r A1 B1 A2 B2
