// rowrate: the fastest one-row product (y = W.x) this machine does, against a plain read of the same bytes.
// The shapes of a greedy decoder step (Whisper "card" F16: 6 layers + logits; Qwen3-ASR 0.6B BF16: 28 layers +
// lm_head), run in order as a step does, each matrix split in 8 contiguous tasks claimed by 2 threads
// (as asr4j's VectorBackend.gemv: 4 tasks per thread), each task read as S streams (S rows per pass, one from each
// S-th of the task). Build: gcc -O3 -march=native -pthread rowrate.c -o rowrate
// Run:   ./rowrate f16|bf16 KERNEL S PF STEPS [t0|t1|t2|nta|load|memcpy|movsb|conv]  (PF: bytes ahead, 0 = none; load: a demand load)
// KERNEL: read (sum of 512-bit loads), f16c (vcvtph2ps), f16shift (asr4j's shift-and-mask), bf16shift, bf16perm
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { uint16_t *w; int rows, cols; int cls; } Mat;
enum { READ, F16C, F16SHIFT, BF16SHIFT, BF16PERM, F16IL };

static Mat mats[1024];
static int nmats;
static int kernel, streams, pf, pfkind;
static volatile uint64_t touched;
static float *xs[3];            // per class: input (K floats), 64-byte aligned
static float *ys;               // output
static atomic_int next_task;
static atomic_int generation;   // bumped by the main thread to start matrix 'cur'
static atomic_int done;
static volatile int cur;
static volatile int quit;
static volatile uint64_t sink;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static inline float hsum(__m512 v) { return _mm512_reduce_add_ps(v); }

#define MAXS 8
// one line D bytes ahead of p: a software prefetch of the chosen kind, or a demand load (pure Java's only way)
#define AHEAD(p, d) do { const char *q_ = (const char *)(p) + (d); \
    switch (pk) { case 0: _mm_prefetch(q_, _MM_HINT_T0); break; case 1: _mm_prefetch(q_, _MM_HINT_T1); break; \
    case 2: _mm_prefetch(q_, _MM_HINT_T2); break; case 3: _mm_prefetch(q_, _MM_HINT_NTA); break; \
    default: tacc ^= *(const uint64_t *)q_; } } while (0)
// S rows (pointers r[s]) of K elements times x into y[s*ystride]
static inline __attribute__((always_inline)) void rows_kernel(int kern, int S, int pk, uint16_t **r, int K, const float *x,
                                                              float *y, int ystride, int pfd) {
    uint64_t tacc = 0;
    if (kern == READ) {
        __m512i acc[MAXS];
        for (int s = 0; s < S; s++) acc[s] = _mm512_setzero_si512();
        for (int k = 0; k < K; k += 32) {
            for (int s = 0; s < S; s++) {
                if (pk >= 0) AHEAD(r[s] + k, pfd);
                acc[s] = _mm512_add_epi32(acc[s], _mm512_loadu_si512((const void *)(r[s] + k)));
            }
        }
        for (int s = 0; s < S; s++) y[s * ystride] = (float)_mm512_reduce_add_epi32(acc[s]);
        if (tacc == 1) touched = tacc;
        return;
    }
    if (kern == F16C || kern == F16SHIFT || kern == F16IL) { // two accumulators per row (even / odd vectors), as dot2F16
        __m512 ae[MAXS], ao[MAXS];
        const __m512i mask = _mm512_set1_epi32((int)0x8FFFE000);
        for (int s = 0; s < S; s++) { ae[s] = _mm512_setzero_ps(); ao[s] = _mm512_setzero_ps(); }
        for (int k = 0; k < K; k += 32) {
            __m512 xe = _mm512_load_ps(x + k), xo = _mm512_load_ps(x + k + 16);
            for (int s = 0; s < S; s++) {
                if (pk >= 0) AHEAD(r[s] + k, pfd);
                __m256i he = _mm256_loadu_si256((const __m256i *)(r[s] + k));
                __m256i ho = _mm256_loadu_si256((const __m256i *)(r[s] + k + 16));
                __m512 a, b;
                if (kern == F16IL) { // one 512-bit load: int lane j = (half 16+j << 16) | half j (an interleaved copy)
                    __m512i w = _mm512_loadu_si512((const void *)(r[s] + k));
                    a = _mm512_castsi512_ps(_mm512_and_si512(_mm512_srai_epi32(_mm512_slli_epi32(w, 16), 3), mask));
                    b = _mm512_castsi512_ps(_mm512_and_si512(_mm512_srai_epi32(w, 3), mask));
                } else if (kern == F16C) {
                    a = _mm512_cvtph_ps(he);
                    b = _mm512_cvtph_ps(ho);
                } else {
                    a = _mm512_castsi512_ps(_mm512_and_si512(_mm512_slli_epi32(_mm512_cvtepi16_epi32(he), 13), mask));
                    b = _mm512_castsi512_ps(_mm512_and_si512(_mm512_slli_epi32(_mm512_cvtepi16_epi32(ho), 13), mask));
                }
                ae[s] = _mm512_fmadd_ps(xe, a, ae[s]);
                ao[s] = _mm512_fmadd_ps(xo, b, ao[s]);
            }
        }
        for (int s = 0; s < S; s++) y[s * ystride] = hsum(_mm512_add_ps(ae[s], ao[s]));
        if (tacc == 1) touched = tacc;
        return;
    }
    // BF16: one accumulator per row, as dot4BF16
    __m512 c[MAXS];
    const __m512i lo = _mm512_set_epi16(47, 15, 46, 14, 45, 13, 44, 12, 43, 11, 42, 10, 41, 9, 40, 8,
                                        39, 7, 38, 6, 37, 5, 36, 4, 35, 3, 34, 2, 33, 1, 32, 0);
    const __m512i hi = _mm512_set_epi16(63, 31, 62, 30, 61, 29, 60, 28, 59, 27, 58, 26, 57, 25, 56, 24,
                                        55, 23, 54, 22, 53, 21, 52, 20, 51, 19, 50, 18, 49, 17, 48, 16);
    // index j: even lanes (low half of int lane) take zero (from the second source, index >= 32), odd the weight
    (void)lo; (void)hi;
    const __m512i zero = _mm512_setzero_si512();
    for (int s = 0; s < S; s++) c[s] = _mm512_setzero_ps();
    for (int k = 0; k < K; k += 32) {
        __m512 xl = _mm512_load_ps(x + k), xh = _mm512_load_ps(x + k + 16);
        for (int s = 0; s < S; s++) {
            if (pk >= 0) AHEAD(r[s] + k, pfd);
            __m512 a, b;
            if (kern == BF16SHIFT) {
                __m256i wl = _mm256_loadu_si256((const __m256i *)(r[s] + k));
                __m256i wh = _mm256_loadu_si256((const __m256i *)(r[s] + k + 16));
                a = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepi16_epi32(wl), 16));
                b = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepi16_epi32(wh), 16));
            } else {
                __m512i w = _mm512_loadu_si512((const void *)(r[s] + k));
                // int lane j = (w[j] << 16): the short pair (zero, w[j]); permutex2var picks from (zero, w)
                static const uint16_t il[32] = {0, 32, 0, 33, 0, 34, 0, 35, 0, 36, 0, 37, 0, 38, 0, 39,
                                                0, 40, 0, 41, 0, 42, 0, 43, 0, 44, 0, 45, 0, 46, 0, 47};
                static const uint16_t ih[32] = {0, 48, 0, 49, 0, 50, 0, 51, 0, 52, 0, 53, 0, 54, 0, 55,
                                                0, 56, 0, 57, 0, 58, 0, 59, 0, 60, 0, 61, 0, 62, 0, 63};
                a = _mm512_castsi512_ps(_mm512_permutex2var_epi16(zero, _mm512_loadu_si512(il), w));
                b = _mm512_castsi512_ps(_mm512_permutex2var_epi16(zero, _mm512_loadu_si512(ih), w));
            }
            c[s] = _mm512_fmadd_ps(xl, a, c[s]);
            c[s] = _mm512_fmadd_ps(xh, b, c[s]);
        }
    }
    for (int s = 0; s < S; s++) y[s * ystride] = hsum(c[s]);
    if (tacc == 1) touched = tacc;
}

// one function per (kernel, rows per pass, look-ahead kind: -1 none, 0 t0, 1 t1, 2 t2, 3 nta, 4 demand load)
#define INST1(KERN, S, PK, NAME) \
    static void NAME(uint16_t **r, int K, const float *x, float *y, int ys_, int p) { \
        rows_kernel(KERN, S, PK, r, K, x, y, ys_, p); }
#define INSTK(KERN, S) INST1(KERN, S, -1, KERN##_##S##_n) INST1(KERN, S, 0, KERN##_##S##_0) \
    INST1(KERN, S, 1, KERN##_##S##_1) INST1(KERN, S, 2, KERN##_##S##_2) INST1(KERN, S, 3, KERN##_##S##_3) \
    INST1(KERN, S, 4, KERN##_##S##_4)
#define INST(KERN) INSTK(KERN, 1) INSTK(KERN, 2) INSTK(KERN, 4) INSTK(KERN, 8)
INST(READ) INST(F16C) INST(F16SHIFT) INST(BF16SHIFT) INST(BF16PERM) INST(F16IL)
typedef void (*kfn)(uint16_t **, int, const float *, float *, int, int);
#define ROW(KERN, S) {KERN##_##S##_n, KERN##_##S##_0, KERN##_##S##_1, KERN##_##S##_2, KERN##_##S##_3, KERN##_##S##_4}
#define KROWS(KERN) {{0}, ROW(KERN, 1), ROW(KERN, 2), {0}, ROW(KERN, 4), {0}, {0}, {0}, ROW(KERN, 8)}
static kfn table[6][9][6] = {[F16IL] = KROWS(F16IL), [READ] = KROWS(READ), [F16C] = KROWS(F16C), [F16SHIFT] = KROWS(F16SHIFT),
                             [BF16SHIFT] = KROWS(BF16SHIFT), [BF16PERM] = KROWS(BF16PERM)};

#define TASKS 8
// rows [r0, r1) of matrix m: S streams (row j of each S-th), the rest one at a time
static void task(Mat *m, int r0, int r1) {
    int n = r1 - r0, part = n / streams, K = m->cols;
    if (pfkind == 7) { // two passes: each pass's S rows converted by vcvtph2ps into an L1 float buffer, then the dots
        static __thread float fb[MAXS][3072] __attribute__((aligned(64)));
        const float *x = xs[m->cls];
        for (int j = 0; j < part + (r1 - r0 - part * streams); j++) {
            int S = j < part ? streams : 1;
            for (int s = 0; s < S; s++) {
                const uint16_t *src = m->w + (size_t)(j < part ? r0 + j + s * part : r0 + part * streams + (j - part)) * K;
                for (int k = 0; k < K; k += 16)
                    _mm512_store_ps(fb[s] + k, _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(src + k))));
            }
            for (int s = 0; s < S; s++) {
                __m512 ae = _mm512_setzero_ps(), ao = _mm512_setzero_ps();
                for (int k = 0; k < K; k += 32) {
                    ae = _mm512_fmadd_ps(_mm512_load_ps(x + k), _mm512_load_ps(fb[s] + k), ae);
                    ao = _mm512_fmadd_ps(_mm512_load_ps(x + k + 16), _mm512_load_ps(fb[s] + k + 16), ao);
                }
                ys[j < part ? r0 + j + s * part : r0 + part * streams + (j - part)] = hsum(_mm512_add_ps(ae, ao));
            }
        }
        return;
    }
    if (pfkind >= 5) { // copy each pass's rows into an L1 buffer first (memcpy, or rep movsb), then the kernel reads it
        static __thread uint16_t buf[MAXS][4096] __attribute__((aligned(64)));
        kfn g = table[kernel][streams][0], g1 = table[kernel][1][0];
        uint16_t *b[MAXS];
        for (int s = 0; s < MAXS; s++) b[s] = buf[s];
        for (int j = 0; j < part; j++) {
            for (int s = 0; s < streams; s++) {
                const uint16_t *src = m->w + (size_t)(r0 + j + s * part) * K;
                if (pfkind == 5) memcpy(buf[s], src, 2 * (size_t)K);
                else { void *d = buf[s]; const void *sr = src; size_t c = 2 * (size_t)K;
                       __asm__ volatile("rep movsb" : "+D"(d), "+S"(sr), "+c"(c) : : "memory"); }
            }
            g(b, K, xs[m->cls], ys + r0 + j, part, 0);
        }
        for (int i = r0 + part * streams; i < r1; i++) {
            memcpy(buf[0], m->w + (size_t)i * K, 2 * (size_t)K);
            g1(b, K, xs[m->cls], ys + i, 0, 0);
        }
        return;
    }
    int col = pf ? 1 + pfkind : 0;
    kfn f = table[kernel][streams][col], f1 = table[kernel][1][col];
    const float *x = xs[m->cls];
    uint16_t *r[MAXS];
    for (int j = 0; j < part; j++) {
        for (int s = 0; s < streams; s++) r[s] = m->w + (size_t)(r0 + j + s * part) * K;
        f(r, K, x, ys + r0 + j, part, pf);
    }
    for (int i = r0 + part * streams; i < r1; i++) {
        r[0] = m->w + (size_t)i * K;
        f1(r, K, x, ys + i, 0, pf);
    }
}

static void work(Mat *m) {
    int per = (m->rows + TASKS - 1) / TASKS;
    if (per < 16) per = 16;
    int ntasks = (m->rows + per - 1) / per;
    for (;;) {
        int t = atomic_fetch_add(&next_task, 1);
        if (t >= ntasks) break;
        int r0 = t * per, r1 = r0 + per < m->rows ? r0 + per : m->rows;
        task(m, r0, r1);
    }
}

static void *worker(void *arg) {
    (void)arg;
    int seen = 0;
    for (;;) {
        int g;
        while ((g = atomic_load_explicit(&generation, memory_order_acquire)) == seen) {
            if (quit) return 0;
            _mm_pause();
        }
        seen = g;
        work(&mats[cur]);
        atomic_fetch_add_explicit(&done, 1, memory_order_release);
    }
}

static void add(int rows, int cols, int cls) {
    Mat *m = &mats[nmats++];
    m->rows = rows; m->cols = cols; m->cls = cls;
    size_t n = (size_t)rows * cols;
    m->w = aligned_alloc(64, n * 2 + 8192); // slack: a look-ahead load past the last row stays inside
    uint32_t s = 12345u + nmats;
    for (size_t i = 0; i < n; i++) { // finite halves / bf16 of small values: random mantissa, exponent 2^-8..2^-1
        s = s * 1664525u + 1013904223u;
        uint16_t v = (uint16_t)(s >> 16);
        m->w[i] = (v & 0x83FF) | ((uint16_t)(7 + ((v >> 10) & 7)) << 10); // a normal half
    }
}

static int cmpd(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: rowrate f16|bf16 read|f16c|f16shift|bf16shift|bf16perm S PF STEPS\n"); return 2; }
    int bf = !strcmp(argv[1], "bf16");
    const char *kn = argv[2];
    kernel = !strcmp(kn, "read") ? READ : !strcmp(kn, "f16c") ? F16C : !strcmp(kn, "f16shift") ? F16SHIFT
           : !strcmp(kn, "bf16shift") ? BF16SHIFT : !strcmp(kn, "f16il") ? F16IL : BF16PERM;
    streams = atoi(argv[3]);
    pf = atoi(argv[4]);
    int steps = atoi(argv[5]);
    const char *pk = argc > 6 ? argv[6] : "t0";
    pfkind = !strcmp(pk, "t0") ? 0 : !strcmp(pk, "t1") ? 1 : !strcmp(pk, "t2") ? 2 : !strcmp(pk, "nta") ? 3 : !strcmp(pk, "load") ? 4
           : !strcmp(pk, "memcpy") ? 5 : !strcmp(pk, "movsb") ? 6 : 7; // conv: F16 rows converted to an L1 float buffer // memcpy / movsb: copy rows to L1 first (PF ignored)
    if (!bf) { // Whisper card: 6 decoder layers (qkv, out, cross q, cross out, fc1, fc2) + logits
        const char *cp = getenv("ROWRATE_COPIES"); // F16: the layers this many times (a set past the 300 MB L3)
        int copies = cp ? atoi(cp) : 1;
        for (int l = 0; l < 6 * copies; l++) {
            add(2304, 768, 0); add(768, 768, 0); add(768, 768, 0); add(768, 768, 0); add(3072, 768, 0); add(768, 3072, 1);
        }
        add(51865, 768, 0);
    } else { // Qwen3-ASR 0.6B decoder: 28 layers (qkv, o, gate_up, down) + lm_head
        for (int l = 0; l < 28; l++) {
            add(4096, 1024, 0); add(1024, 2048, 1); add(6144, 1024, 0); add(1024, 3072, 2);
        }
        add(151936, 1024, 0);
    }
    int maxrows = 0;
    double bytes = 0, lastBytes = 2.0 * mats[nmats - 1].rows * mats[nmats - 1].cols;
    for (int i = 0; i < nmats; i++) { if (mats[i].rows > maxrows) maxrows = mats[i].rows; bytes += 2.0 * mats[i].rows * mats[i].cols; }
    for (int c = 0; c < 3; c++) {
        xs[c] = aligned_alloc(64, 4 * 4096);
        for (int k = 0; k < 4096; k++) xs[c][k] = (float)((k * 7919 % 1000) - 500) * 1e-3f;
    }
    ys = aligned_alloc(64, 4 * (size_t)maxrows);
    pthread_t th;
    pthread_create(&th, 0, worker, 0);
    double *t = malloc(sizeof(double) * steps), *tl = malloc(sizeof(double) * steps);
    int gen = 0;
    for (int st = 0; st < steps; st++) {
        double t0 = now(), tlast = 0;
        for (int i = 0; i < nmats; i++) {
            double tm = i == nmats - 1 ? now() : 0;
            cur = i;
            atomic_store(&next_task, 0);
            atomic_store(&done, 0);
            atomic_store_explicit(&generation, ++gen, memory_order_release);
            work(&mats[i]);
            while (atomic_load_explicit(&done, memory_order_acquire) != 1) _mm_pause();
            if (i == nmats - 1) tlast = now() - tm;
        }
        t[st] = now() - t0;
        tl[st] = tlast;
        sink += (uint64_t)ys[st % maxrows];
    }
    quit = 1;
    atomic_store(&generation, ++gen + 1000000);
    pthread_join(th, 0);
    // skip the first step (first touches), median of the rest
    int n = steps - 1;
    qsort(t + 1, n, sizeof(double), cmpd);
    qsort(tl + 1, n, sizeof(double), cmpd);
    double med = t[1 + n / 2], best = t[1], medl = tl[1 + n / 2];
    double layers = bytes - lastBytes;
    printf("%s %-9s S=%d pf=%-4d %-4s step %.1f MB: median %.2f ms (%.1f GB/s), best %.2f ms (%.1f GB/s) | layers %.1f GB/s | last matrix %.1f MB %.2f ms %.1f GB/s\n",
           bf ? "bf16" : "f16 ", kn, streams, pf, pf || pfkind >= 5 ? pk : "", bytes / 1e6, med * 1e3, bytes / med / 1e9, best * 1e3, bytes / best / 1e9,
           layers / (med - medl) / 1e9, lastBytes / 1e6, medl * 1e3, lastBytes / medl / 1e9);
    return 0;
}
