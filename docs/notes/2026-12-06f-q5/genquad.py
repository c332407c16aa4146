R=5; W=4
rows="ABCD"
def dec(var, base, k):
    return [f"FloatVector {var} = ((IntVector) ShortVector.fromMemorySegment(S, seg, {base} + 2L * {k}, ByteOrder.LITTLE_ENDIAN)",
            f"        .convertShape(VectorOperators.S2I, I, 0))",
            f"        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();"]
o=[]; P=o.append
I="        "
P(I+"/**")
P(I+" * Five input rows against four weight rows ({@code elementA} to {@code elementD}, one from each quarter of a")
P(I+" * task's rows: four sequential streams, where the pair kernels read two): the even vectors' pass first, its")
P(I+" * twenty accumulators kept in {@code sums} from {@link #QUAD_EVENS}, then the odd vectors' pass, so twenty")
P(I+" * accumulators are live, not forty. Each sum is {@code ae + ao}, folded as in {@link #dotF16}, so it equals the")
P(I+" * row alone; row {@code r}'s five sums at {@code sums[r·WIDE_DOT_ROWS + i]}. {@code len} is a whole number of")
P(I+" * vector pairs; the inputs carry {@link #pairInputScale}, as the pair kernels'.")
P(I+" */")
P(I+"private static void dots5QuadF16(float[] x, int xOff, int xStride, MemorySegment seg, long elementA, long elementB,")
P(I+"                                 long elementC, long elementD, int len, float[] sums) {")
J=I+"    "
for r in rows: P(J+f"long base{r} = element{r} * 2;")
for i in range(R): P(J+f"int x{i} = xOff + {i} * xStride;")
for lab,start,comment in (("e","0","the even vectors"),("o","L","the odd vectors")):
    for r in rows:
        for i in range(R): P(J+f"FloatVector {r.lower()}{lab}{i} = FloatVector.zero(F);")
    P(J+f"for (int k = {start}; k < len; k += 2 * L) {{ // {comment}")
    K=J+"    "
    for r in rows:
        d=dec(r.lower(), "base"+r, "k")
        P(K+d[0]); P(K+d[1]); P(K+d[2])
    P(K+"FloatVector xv;")
    for i in range(R):
        P(K+f"xv = FloatVector.fromArray(F, x, x{i} + k);")
        for r in rows: P(K+f"{r.lower()}{lab}{i} = xv.fma({r.lower()}, {r.lower()}{lab}{i});")
    P(J+"}")
    if lab=="e":
        j=0
        for r in rows:
            for i in range(R): P(J+f"{r.lower()}e{i}.intoArray(sums, QUAD_EVENS + {j} * L);"); j+=1
    else:
        j=0; names=[]
        for r in rows:
            for i in range(R):
                P(J+f"FloatVector {r.lower()}{i} = FloatVector.fromArray(F, sums, QUAD_EVENS + {j} * L).add({r.lower()}o{i});"); j+=1; names.append(f"{r.lower()}{i}")
        P(J+"for (int w = L / 2; w >= 1; w /= 2) {")
        P(J+"    jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];")
        for n in names: P(J+f"    {n} = {n}.add({n}.rearrange(fold));")
        P(J+"}")
        for ri,r in enumerate(rows):
            for i in range(R): P(J+f"sums[{ri} * WIDE_DOT_ROWS + {i}] = {r.lower()}{i}.lane(0);")
P(I+"}")
open("/tmp/q5/gen/quad.java.txt","w").write("\n".join(o)+"\n")
