#!/bin/bash
# One hold of the lock: a second 8 + 8 series of the touch4 A/B, the new build first in each pair.
cd /work/istep
ORDER="new base" docs/notes/2026-12-07a-istep/run-ab.sh 8 /tmp/istep-ab-touch4b.txt /tmp/istep-base.jar /tmp/istep-touch4.jar
