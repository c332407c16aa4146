#!/bin/bash
# one line per JVM: arm, start, greedy, beams, files, heap (greedy/beams/files), streaming read, greedy-profile logits/fc1/fc2/qkv ms
awk '
/^=== end/ {next}
/^=== / {arm=$2; t=$3; ld=$5; prof=0; next}
/heap allocated per step/ {h=$10"/"$14"/"$18}
/streaming read, 2 threads/ {sr=$5}
/greedy step  / {g=$3}
/5 beams, one step/ {b=$5}
/16 files, one step/ {f=$5; pf=$7; gsub(/\(/,"",pf)}
/profile of one greedy step/ {prof=1}
/profile of one 5-beam step/ {prof=0}
prof && $1=="logits" {lg=$2}
prof && $1=="mlp.fc1" {f1=$2}
prof && $1=="mlp.fc2" {f2=$2}
prof && $1=="self_attn.qkv" {qkv=$2}
/^  16 files/ {}
/all ops/ && prof {printf "%-5s %s load %s greedy %s beams %s files %s (%s/file) heapKB %s read %s | prof logits %s fc1 %s fc2 %s qkv %s\n", arm, t, ld, g, b, f, pf, h, sr, lg, f1, f2, qkv}
' "$@"
