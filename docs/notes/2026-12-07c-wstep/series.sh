#!/bin/bash
# one lock hold: uptime, the given commands (as a single string), uptime
exec flock /work/notes/bench.lock bash -c "date -u +%T; uptime; $1; date -u +%T; uptime"
