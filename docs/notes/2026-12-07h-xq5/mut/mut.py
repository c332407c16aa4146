import sys
base='/work/xq5/kernels-cpu/src/main/java/io/github/asr4j/kernels/cpu/'
muts={
 'a_specials_k2': ('VectorOps.java', '''                    k2 = k2.reinterpretAsInts().blend(i2.or(0x7F800000), h2.and(0x7C00).compare(VectorOperators.EQ, 0x7C00))
                            .reinterpretAsFloats();
                    k3''', '''                    k3'''),
 'b_values_x0': ('VectorOps.java', 'e1 = we.fma(x1, e1);\n            }\n            a0.intoArray(out, o0 + c);\n            a1.intoArray(out, o0 + c + L);\n            b0.intoArray(out, o1 + c);\n            b1.intoArray(out, o1 + c + L);\n            c0.intoArray(out, o2 + c);\n            c1.intoArray(out, o2 + c + L);\n            d0.intoArray(out, o3 + c);\n            d1.intoArray(out, o3 + c + L);\n            e0.intoArray(out, o4 + c);\n            e1.intoArray(out, o4 + c + L);\n        }\n    }\n\n    static void scale', 'e1 = we.fma(x0, e1);\n            }\n            a0.intoArray(out, o0 + c);\n            a1.intoArray(out, o0 + c + L);\n            b0.intoArray(out, o1 + c);\n            b1.intoArray(out, o1 + c + L);\n            c0.intoArray(out, o2 + c);\n            c1.intoArray(out, o2 + c + L);\n            d0.intoArray(out, o3 + c);\n            d1.intoArray(out, o3 + c + L);\n            e0.intoArray(out, o4 + c);\n            e1.intoArray(out, o4 + c + L);\n        }\n    }\n\n    static void scale'),
 'c_no_fallback': ('CpuBackend.java', '''            if (!(Math.abs(x) < SCALABLE_QUERY)) {
                return null;
            }
            qs[i] = x * HALF_SCALE;''', '''            qs[i] = x * HALF_SCALE;'''),
 'd_tail_chain': ('VectorOps.java', '''                } else if (r == 1) {
                    a1 = FloatVector.broadcast(F, q[qa + e]).fma(k0, a1);''', '''                } else if (r == 1) {
                    a1 = FloatVector.broadcast(F, q[qa + e]).fma(k0, a2);'''),
 'e_weights_unscaled': ('CpuBackend.java', '''                scale(s, a.score(i, h, c, j0), j1 - j0, HALF_SCALE);''', '''                scale(s, a.score(i, h, c, j0), j1 - j0, 1f);'''),
}
name=sys.argv[1]
f,old,new=muts[name]
s=open(base+f).read()
assert s.count(old)==1, name
open(base+f,'w').write(s.replace(old,new))
