# agg.py TAG A B [wav]: per round, fresh and warm figures of arms A and B from abq.sh's JSON files; medians, paired (B - A) medians
# and "B lower in k of n".
import json, sys, glob, re, statistics as st
tag, A, B = sys.argv[1:4]; wav = sys.argv[4] if len(sys.argv) > 4 else 'jfk.wav'
base = '/work/build/qcold/out/'
keys = [('asr4j_first', 'encoder_ms'), ('asr4j_first', 'prefill_ms'), ('asr4j_first', 'decode_ms'), ('asr4j_first', 'decoder_ms_per_token'),
        ('asr4j_first', 'total_ms'), ('asr4j_warm', 'prefill_ms'), ('asr4j_warm', 'decoder_ms_per_token'), ('asr4j_warm', 'total_ms')]
names = ['fresh enc', 'fresh prefill', 'fresh decode', 'fresh ms/tok', 'fresh total', 'warm prefill', 'warm ms/tok', 'warm total']
rows = {}
for f in glob.glob(base + tag + '-r*-*.json'):
    m = re.search(r'-r(\d+)-(\w+)\.json$', f); r, arm = int(m.group(1)), m.group(2)
    d = json.load(open(f))[wav]
    rows[(r, arm)] = [d[a][k] for a, k in keys]
rounds = sorted({r for r, _ in rows})
print('| round | ' + ' | '.join(f'{A}: {n}' for n in names[:5]) + ' |')
for r in rounds:
    for arm in (A, B):
        if (r, arm) in rows:
            v = rows[(r, arm)]
            print(f'r{r} {arm}: ' + ' / '.join(f'{x:.1f}' if i in (3, 6) else f'{x:.0f}' for i, x in enumerate(v)))
for i, n in enumerate(names):
    a = [rows[(r, A)][i] for r in rounds if (r, A) in rows and (r, B) in rows]
    b = [rows[(r, B)][i] for r in rounds if (r, A) in rows and (r, B) in rows]
    diff = [y - x for x, y in zip(a, b)]
    print(f'{n:14s} median {A} {st.median(a):8.1f}  {B} {st.median(b):8.1f}  paired {st.median(diff):+7.1f}  {B} lower in {sum(1 for x in diff if x < 0)} of {len(diff)}')
