import re
PATH='/work/i8step/kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/Int8Weights.java'
s=open(PATH).read()
start=s.index('        /**\n         * {@link #dot4Int8} over four pairs at once')
end=s.index('        private static FloatVector bytes(MemorySegment q, long offset) {')
rows=['a','b','c','d','e','f','g','h']
pairs=['pa','pb','pc','pd']
sc=['s','u','v','w']
L=[]
L.append('''        /**
         * {@link #dot4Int8} over four pairs at once (eight rows; bases {@code baseA .. baseD}, the sums of pair A into
         * {@code y[ya]}, {@code y[ya + 1]}, and so on) for rows of whole block pairs of two vectors a block ({@link
         * #EIGHT_ROWS}): four sequential streams, each input vector loaded once for the eight rows, and every sum
         * accumulated exactly as {@link #dot4Int8} (and so {@link #dotInt8}) accumulates it, so each is bit-identical
         * to it. One block a pass: each row's block sum is scaled into the accumulator of the block's parity, and the
         * two accumulators swap names after every block (so {@code r0} is always the one this block feeds; the rows
         * hold whole block pairs, so they end as they began, and {@code r0 + r1} is the even sum plus the odd one, as
         * in {@link #dot4Int8}). A pass of two blocks was written out too: C1 could not compile it ("out of virtual
         * registers", {@code KernelsCompileInC1Test}).
         */
        static void dot8Int8(float[] x, int xOff, MemorySegment q, MemorySegment scales, long baseA, long baseB,
                             long baseC, long baseD, int len, float[] y, int ya, int yb, int yc, int yd) {
            int block = BLOCK;
''')
for r in rows:
    L.append(f'            FloatVector {r}0 = FloatVector.zero(F);\n            FloatVector {r}1 = FloatVector.zero(F);\n')
L.append('''            int k = 0;
            long s = scaleIndex(baseA);
            long u = scaleIndex(baseB);
            long v = scaleIndex(baseC);
            long w = scaleIndex(baseD);
            for (long pa = baseA, pb = baseB, pc = baseC, pd = baseD; k < len; k += block, pa += BLOCK_STEP,
                    pb += BLOCK_STEP, pc += BLOCK_STEP, pd += BLOCK_STEP, s += GROUP, u += GROUP, v += GROUP, w += GROUP) {
                FloatVector x0 = FloatVector.fromArray(F, x, xOff + k);
                FloatVector x1 = FloatVector.fromArray(F, x, xOff + k + L);
''')
def wv(off):
    return f'(FloatVector) ByteVector.fromMemorySegment(B, q, {off}, ByteOrder.LITTLE_ENDIAN)\n                        .convertShape(VectorOperators.B2F, F, 0)'
for pi,(p,si) in enumerate(zip(pairs,sc)):
    ra, rb = rows[2*pi], rows[2*pi+1]
    for (r, off, sidx) in [(ra,p,si),(rb,p+' + block',si+' + 1')]:
        t=f't{r}'
        L.append(f'                FloatVector {t} = x0.mul({wv(off)});\n')
        L.append(f'                {t} = x1.fma({wv(off+" + L")}, {t});\n')
        L.append(f'                {t} = {t}.fma(FloatVector.broadcast(F, scales.getAtIndex(F32_LE, {sidx})), {r}0);\n')
        L.append(f'                {r}0 = {r}1;\n                {r}1 = {t};\n')
L.append('            }\n')
L.append("            // VectorOps.sumLanes' folds written out (calls with vector arguments box).\n")
for r in rows:
    L.append(f'            FloatVector v{r} = {r}0.add({r}1);\n')
L.append('''            for (int f = L / 2; f >= 1; f /= 2) {
                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[f];
''')
for r in rows:
    L.append(f'                v{r} = v{r}.add(v{r}.rearrange(fold));\n')
L.append('            }\n')
ys=['ya','ya + 1','yb','yb + 1','yc','yc + 1','yd','yd + 1']
for r,yi in zip(rows,ys):
    L.append(f'            y[{yi}] = v{r}.lane(0);\n')
L.append('        }\n\n')
s=s[:start]+''.join(L)+s[end:]
open(PATH,'w').write(s)
print('ok')
