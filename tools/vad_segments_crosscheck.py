#!/usr/bin/env python3
"""Cross-check of asr4j's SpeechSegmenter against the reference get_speech_timestamps functions,
run from their own, unchanged source: snakers4/silero-vad src/silero_vad/utils_vad.py and
SYSTRAN/faster-whisper faster_whisper/vad.py (copied beside this script as silero_utils_vad.py
and fw_vad.py; nothing of them is in this repository). Each reference gets the probabilities that
asr4j's network produced (through a stub model), and its segments are compared with those
`asr4j vad` printed for the same options. Needs python3 + numpy, no torch.

Run in a folder holding files.txt (one WAV path per line) and, for each WAV NAME and model M,
the JSON of `asr4j vad FILE --model M --probabilities` plus the option variants:
  NAME.M.det.json    (Silero defaults)
  NAME.M.max.json    (--max_speech_duration_s 5)
  NAME.M.tr.json     (--min_speech_duration_ms 0 --min_silence_duration_ms 2000 --speech_pad_ms 400)
  NAME.M.tr200.json  (--min_speech_duration_ms 0 --min_silence_duration_ms 200 --speech_pad_ms 400)
Result on 2026-12-03 (9 files x v5, v6): 72 of 72 segment lists equal (see issue 13's note).
"""
import json, re, sys, types, wave, warnings
from typing import Callable, List, Optional, Dict, Tuple
import numpy as np

def extract(path, start, end):
    src = open(path).read()
    i = src.index(start); j = src.index(end, i)
    return src[i:j]

class Probs:
    def __init__(self, p): self.p = p; self.i = 0
    def reset_states(self): self.i = 0
    def __call__(self, chunk, sr):
        v = self.p[self.i]; self.i += 1
        return types.SimpleNamespace(item=lambda: v)

fake_torch = types.SimpleNamespace(
    is_tensor=lambda x: True, Tensor=np.asarray,
    nn=types.SimpleNamespace(functional=types.SimpleNamespace(pad=lambda c, pad: np.pad(c, pad))))
silero_ns = {'torch': fake_torch, 'warnings': warnings, 'Callable': Callable, 'List': List}
exec(extract('silero_utils_vad.py', 'def get_speech_timestamps', '\nclass VADIterator'), silero_ns)

fw_ns = {'np': np, 'Optional': Optional, 'List': List, 'Dict': Dict, 'Tuple': Tuple}
exec('from dataclasses import dataclass\n' + extract('fw_vad.py', '@dataclass', '\ndef collect_chunks'), fw_ns)

ok = bad = 0
for f in open('files.txt').read().split():
    name = f.split('/')[-1][:-4]
    with wave.open(f) as w:
        n = w.getnframes()
    audio = np.zeros(n, dtype=np.float32)
    for m in ('v5', 'v6'):
        det = json.load(open(f'{name}.{m}.det.json'))
        tr = json.load(open(f'{name}.{m}.tr.json'))
        p = det['probabilities']
        ref = silero_ns['get_speech_timestamps'](audio, Probs(p), return_seconds=False)
        ref_s = [[round(s['start'] / 16000, 3), round(s['end'] / 16000, 3)] for s in ref]
        got = [[s['start'], s['end']] for s in det['segments']]
        same = all(abs(a - b) < 1.5e-3 for x, y in zip(ref_s, got) for a, b in zip(x, y)) and len(ref_s) == len(got)
        ok += same; bad += not same
        print(f'silero detection     {m} {name}: {len(got)} segments, {"equal" if same else "DIFFERENT"}')
        if n % 512:
            fw_ns['get_vad_model'] = lambda: (lambda padded: np.asarray(tr['probabilities']))
            ref = fw_ns['get_speech_timestamps'](audio, fw_ns['VadOptions']())
            ref_s = [[round(s['start'] / 16000, 3), round(s['end'] / 16000, 3)] for s in ref]
            got = [[s['start'], s['end']] for s in tr['segments']]
            same = all(abs(a - b) < 1.5e-3 for x, y in zip(ref_s, got) for a, b in zip(x, y)) and len(ref_s) == len(got)
            ok += same; bad += not same
            print(f'faster-whisper trans {m} {name}: {len(got)} segments, {"equal" if same else "DIFFERENT"}')
        mx = json.load(open(f'{name}.{m}.max.json'))
        ref = silero_ns['get_speech_timestamps'](audio, Probs(mx['probabilities']), max_speech_duration_s=5)
        ref_s = [[round(s['start'] / 16000, 3), round(s['end'] / 16000, 3)] for s in ref]
        got = [[s['start'], s['end']] for s in mx['segments']]
        same = all(abs(a - b) < 1.5e-3 for x, y in zip(ref_s, got) for a, b in zip(x, y)) and len(ref_s) == len(got)
        ok += same; bad += not same
        print(f'silero max 5 s       {m} {name}: {len(got)} segments, {"equal" if same else "DIFFERENT"}')
        if n % 512:
            t2 = json.load(open(f'{name}.{m}.tr200.json'))
            fw_ns['get_vad_model'] = lambda: (lambda padded: np.asarray(t2['probabilities']))
            ref = fw_ns['get_speech_timestamps'](audio, fw_ns['VadOptions'](min_silence_duration_ms=200))
            ref_s = [[round(s['start'] / 16000, 3), round(s['end'] / 16000, 3)] for s in ref]
            got = [[s['start'], s['end']] for s in t2['segments']]
            same = all(abs(a - b) < 1.5e-3 for x, y in zip(ref_s, got) for a, b in zip(x, y)) and len(ref_s) == len(got)
            ok += same; bad += not same
            print(f'faster-whisper 200ms {m} {name}: {len(got)} segments, {"equal" if same else "DIFFERENT"}')
print(f'{ok} equal, {bad} different')
