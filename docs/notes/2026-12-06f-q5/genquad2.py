R=5
rows="abcd"
o=[]; P=o.append
I="        "
P(I+"private static void dots5QuadF16(float[] x, int xOff, MemorySegment seg, long elementA, long elementB,")
P(I+"                                 long elementC, long elementD, int len, float[] sums) {")
J=I+"    "
for r in rows: P(J+f"long base{r.upper()} = element{r.upper()} * 2;")
P(J+"for (int pass = 0; pass < 2; pass++) { // the even vectors, then the odd: one loop, compiled once")
K=J+"    "
for r in rows:
    for i in range(R): P(K+f"FloatVector {r}{i} = FloatVector.zero(F);")
P(K+"for (int k = pass * L; k < len; k += 2 * L) {")
M=K+"    "
for r in rows:
    P(M+f"FloatVector {r}w = ((IntVector) ShortVector.fromMemorySegment(S, seg, base{r.upper()} + 2L * k, ByteOrder.LITTLE_ENDIAN)")
    P(M+f"        .convertShape(VectorOperators.S2I, I, 0))")
    P(M+f"        .lanewise(VectorOperators.LSHL, 13).and(0x8FFFE000).reinterpretAsFloats();")
P(M+"int xk = xOff + 5 * k;")
P(M+"FloatVector xv;")
for i in range(R):
    P(M+f"xv = FloatVector.fromArray(F, x, xk + {i} * L);")
    for r in rows: P(M+f"{r}{i} = xv.fma({r}w, {r}{i});")
P(K+"}")
P(K+"int at = QUAD_EVENS + pass * 20 * L;")
j=0
for r in rows:
    for i in range(R): P(K+f"{r}{i}.intoArray(sums, at + {j} * L);"); j+=1
P(J+"}")
j=0; names=[]
for r in rows:
    for i in range(R):
        P(J+f"FloatVector {r}{i} = FloatVector.fromArray(F, sums, QUAD_EVENS + {j} * L).add(FloatVector.fromArray(F, sums, QUAD_EVENS + {20+j} * L));"); j+=1; names.append(f"{r}{i}")
P(J+"for (int w = L / 2; w >= 1; w /= 2) {")
P(J+"    jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];")
for n in names: P(J+f"    {n} = {n}.add({n}.rearrange(fold));")
P(J+"}")
for ri,r in enumerate(rows):
    for i in range(R): P(J+f"sums[{ri} * WIDE_DOT_ROWS + {i}] = {r}{i}.lane(0);")
P(I+"}")
open("/tmp/q5/gen/quad2.java.txt","w").write("\n".join(o)+"\n")
