#!/bin/bash
# one lock hold: time + uptime, the given command string, time + uptime
exec flock /work/notes/bench.lock bash -c "date -u +%T; uptime; $1; date -u +%T; uptime"
