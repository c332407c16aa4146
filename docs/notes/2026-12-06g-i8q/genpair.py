# Writes Int8Weights.Simd's pair kernels (n input rows against two weight rows, 16 lanes: a block is two vectors),
# as pasted into the source: python3 genpair.py 5; python3 genpair.py 4
import sys
HALVES = len(sys.argv) > 2 and sys.argv[2] == 'halves'
def kernel(n):
    o = []
    a = o.append
    a(f"        static void dots{n}PairInt8(float[] x, int xOff, int xStride, MemorySegment q, MemorySegment scales, long baseA,")
    a(f"                                  long baseB, int len, float[] sums) {{")
    for i in range(n):
        a(f"            int x{i} = xOff" + (f" + {i} * xStride;" if i else ";"))
    for r in "ab":
        for p in "eo":
            for i in range(n):
                a(f"            FloatVector {p}{r}{i} = FloatVector.zero(F);")
    a("            long sa = scaleIndex(baseA);")
    a("            long sb = scaleIndex(baseB);")
    a("            int k = 0;")
    a("            for (long pa = baseA, pb = baseB; k < len;")
    a("                    k += 2 * BLOCK, pa += 2 * BLOCK_STEP, pb += 2 * BLOCK_STEP, sa += 2 * GROUP, sb += 2 * GROUP) {")
    for p, off, soff, xoff in (("e", "", "", ""), ("o", " + BLOCK_STEP", " + GROUP", " + BLOCK")):
        if p == "e":
            a("                // the even block: both rows' two weight vectors and scales, then each input row's two vectors")
            pre = "FloatVector "
        else:
            a("                // the odd block, the same way")
            pre = ""
        for r in "ab":
            base = "pa" if r == "a" else "pb"
            for h in range(2):
                hoff = " + L" if h else ""
                a(f"                {pre}w{r}{h} = (FloatVector) ByteVector.fromMemorySegment(B, q, {base}{off}{hoff}, ByteOrder.LITTLE_ENDIAN)")
                a(f"                        .convertShape(VectorOperators.B2F, F, 0);")
        for r in "ab":
            s = "sa" if r == "a" else "sb"
            a(f"                {pre}c{r} = FloatVector.broadcast(F, scales.getAtIndex(F32_LE, {s}{soff}));")
        if p == "e":
            a("                FloatVector xl;")
            a("                FloatVector xh;")
        for i in range(n):
            a(f"                xl = FloatVector.fromArray(F, x, x{i} + k{xoff});")
            a(f"                xh = FloatVector.fromArray(F, x, x{i} + k{xoff} + L);")
            for r in "ab":
                a(f"                {p}{r}{i} = xh.fma(w{r}1, xl.mul(w{r}0)).fma(c{r}, {p}{r}{i});")
    a("            }")
    if not HALVES:
        a("            // VectorOps.sumLanes' folds written out (calls with vector arguments box).")
        for r in "ab":
            for i in range(n):
                a(f"            FloatVector v{r}{i} = e{r}{i}.add(o{r}{i});")
        a("            for (int w = L / 2; w >= 1; w /= 2) {")
        a("                jdk.incubator.vector.VectorShuffle<Float> fold = VectorOps.FLOAT_FOLDS[w];")
        for r in "ab":
            for i in range(n):
                a(f"                v{r}{i} = v{r}{i}.add(v{r}{i}.rearrange(fold));")
        a("            }")
        for r in "ab":
            for i in range(n):
                idx = f"{i}" if r == "a" else f"WIDE_DOT_ROWS + {i}"
                a(f"            sums[{idx}] = v{r}{i}.lane(0);")
    else:
        a("            // VectorOps.sumLanes' folds (lane i plus lane i + 8, + 4, + 2, + 1) as halves: the same sums of the same pairs")
        a("            FloatVector v;")
        a("            FloatVector h;")
        a("            FloatVector quarter;")
        for r in "ab":
            for i in range(n):
                idx = f"{i}" if r == "a" else f"WIDE_DOT_ROWS + {i}"
                a(f"            v = e{r}{i}.add(o{r}{i});")
                a(f"            h = (FloatVector) v.reinterpretShape(HALF, 0);")
                a(f"            h = h.add((FloatVector) v.reinterpretShape(HALF, 1));")
                a(f"            quarter = (FloatVector) h.reinterpretShape(QUARTER, 0);")
                a(f"            quarter = quarter.add((FloatVector) h.reinterpretShape(QUARTER, 1));")
                a(f"            sums[{idx}] = (quarter.lane(0) + quarter.lane(2)) + (quarter.lane(1) + quarter.lane(3));")
    a("        }")
    return o
print("\n".join(kernel(int(sys.argv[1]))))
