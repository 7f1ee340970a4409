/* test_sim_rng.c -- random streams: known answers, reproducibility, independence.
 *
 * Known answers were computed independently with a Python transcription of the published
 * xoshiro256++ and splitmix64 algorithms (Blackman & Vigna; Steele, Lea & Flood), not with
 * this code. Statistical checks use 5-sigma bounds (a false failure about once in 1.7
 * million runs) and fixed seeds, after GSL's randist tests.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_rng.h"
#include "sim_tally.h"

static void rng_should_produce_the_published_xoshiro256pp_sequence(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(sim_rng_xoshiro256pp);
    assert_non_null(r);
    gsl_rng_set(r, 12345);
    assert_true(gsl_rng_get(r) == 0x8d948a82def8a568UL);
    unsigned long v = 0;
    for (int i = 2; i <= 10000; i++)
        v = gsl_rng_get(r);
    assert_true(v == 0xf591b92e103c6c5aUL);
    gsl_rng_free(r);
}

static void rng_seed_hash_should_match_known_values(void **state)
{
    (void)state;
    assert_true(sim_rng_seed_hash(1, 0, 0) == 0x3ac7c19992654419ULL);
    assert_true(sim_rng_seed_hash(42, 7, 3) == 0x6d0464b79317da48ULL);
    /* Nearby inputs give unrelated seeds. */
    assert_true(sim_rng_seed_hash(1, 0, 1) != sim_rng_seed_hash(1, 1, 0));
    assert_true(sim_rng_seed_hash(1, 0, 0) != sim_rng_seed_hash(2, 0, 0));
}

static void rng_streams_should_be_reproducible(void **state)
{
    (void)state;
    gsl_rng *a = sim_rng_stream_new(NULL, 7, 3, 2);
    gsl_rng *b = sim_rng_stream_new(NULL, 7, 3, 2);
    for (int i = 0; i < 1000; i++)
        assert_true(gsl_rng_get(a) == gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
    /* The same holds for a GSL generator chosen by name. */
    sim_error err;
    const gsl_rng_type *mt = sim_rng_type_by_name("mt19937", &err);
    assert_non_null(mt);
    a = sim_rng_stream_new(mt, 7, 3, 2);
    b = sim_rng_stream_new(mt, 7, 3, 2);
    for (int i = 0; i < 1000; i++)
        assert_true(gsl_rng_get(a) == gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
    assert_null(sim_rng_type_by_name("no-such-generator", &err));
    assert_int_equal(err.code, SIM_EINVAL);
}

/* Streams of neighbouring (replication, purpose) pairs must look independent: the sample
 * correlation of 200,000 paired uniforms has standard deviation 1/sqrt(n); require
 * |r| < 5/sqrt(n). Also no stream may equal another. */
static void rng_streams_should_be_uncorrelated(void **state)
{
    (void)state;
    const int n = 200000;
    uint64_t pairs[][2][2] = {{{0, 0}, {0, 1}}, {{0, 0}, {1, 0}}, {{5, 2}, {6, 2}},
                              {{1, 1}, {2, 2}}};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        gsl_rng *a = sim_rng_stream_new(NULL, 99, pairs[k][0][0], pairs[k][0][1]);
        gsl_rng *b = sim_rng_stream_new(NULL, 99, pairs[k][1][0], pairs[k][1][1]);
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        int equal = 0;
        for (int i = 0; i < n; i++) {
            double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);
            equal += x == y;
            sa += x;
            sb += y;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double corr = cov / sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
        assert_true(fabs(corr) < 5.0 / sqrt((double)n));
        assert_true(equal < 5);
        gsl_rng_free(a);
        gsl_rng_free(b);
    }
}

/* Uniform mean 1/2 (sd 1/sqrt(12 n)) and exponential mean m (sd m/sqrt(n)) within 5 sigma. */
static void rng_draws_should_have_the_right_moments(void **state)
{
    (void)state;
    const int n = 1000000;
    gsl_rng *r = sim_rng_stream_new(NULL, 1, 0, 0);
    sim_tally u, e;
    sim_tally_init(&u);
    sim_tally_init(&e);
    for (int i = 0; i < n; i++) {
        sim_tally_add(&u, gsl_rng_uniform(r));
        double x = sim_rng_exponential(r, 180.0);
        assert_true(x >= 0.0 && isfinite(x));
        sim_tally_add(&e, x);
    }
    assert_true(fabs(u.mean - 0.5) < 5.0 / sqrt(12.0 * n));
    assert_true(fabs(e.mean - 180.0) < 5.0 * 180.0 / sqrt((double)n));
    /* Exponential: variance = mean^2; the sample sd of s^2 is about 2 m^2 sqrt(5/n)... use a
     * loose 5-sigma bound on the coefficient of variation instead: CV = 1 +- 5*sqrt(2/n). */
    assert_true(fabs(sim_tally_stddev(&e) / e.mean - 1.0) < 5.0 * sqrt(2.0 / n));
    assert_true(u.min >= 0.0 && u.max < 1.0);
    gsl_rng_free(r);
}

/* The inline fast path must give exactly the draws of the GSL path. */
static void rng_inline_uniform_should_equal_the_gsl_path(void **state)
{
    (void)state;
    gsl_rng *a = sim_rng_stream_new(NULL, 3, 1, 4);
    gsl_rng *b = sim_rng_stream_new(NULL, 3, 1, 4);
    for (int i = 0; i < 10000; i++) {
        double x = sim_rng_uniform_pos1(a);
        double y = 1.0 - gsl_rng_uniform(b);
        assert_true(x == y);
        assert_true(x > 0.0 && x <= 1.0);
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The ziggurat exponential must be exactly exponential. Three checks on a fixed seed, each
 * with a false-failure probability below 1e-6: Kolmogorov-Smirnov on 10^6 draws
 * (sqrt(n) D < 2.7, P(K > 2.7) ~ 2 exp(-2 * 2.7^2) ~ 1e-6); a chi-square over 1000
 * equiprobable bins of 4 10^6 draws (mean 999, sd 44.7: below mean + 5 sd), sensitive to the
 * local distortions a wrong layer or wedge would cause; and the tail beyond r = 7.697 (the
 * base layer's tail path) holding e^-r of the mass within 5 sd. It runs for the ziggurat
 * (xoshiro256++) and for the inversion path (mt19937). */
static void rng_exponential_should_pass_goodness_of_fit_tests(void **state)
{
    (void)state;
    const gsl_rng_type *types[2] = {sim_rng_xoshiro256pp, gsl_rng_mt19937};
    enum { NKS = 1000000, NCHI = 4000000, BINS = 1000 };
    double *x = malloc(NKS * sizeof *x);
    assert_non_null(x);
    for (int k = 0; k < 2; k++) {
        gsl_rng *r = sim_rng_stream_new(types[k], 77, 0, 0);
        for (int i = 0; i < NKS; i++)
            x[i] = sim_rng_exponential(r, 1.0);
        qsort(x, NKS, sizeof x[0], cmp_double);
        double d = 0.0;
        for (int i = 0; i < NKS; i++) {
            double cdf = 1.0 - exp(-x[i]);
            double lo = cdf - (double)i / NKS, hi = (double)(i + 1) / NKS - cdf;
            if (lo > d) d = lo;
            if (hi > d) d = hi;
        }
        assert_true(sqrt((double)NKS) * d < 2.7);

        static long count[BINS];
        memset(count, 0, sizeof count);
        long tail = 0;
        for (int i = 0; i < NCHI; i++) {
            double v = sim_rng_exponential(r, 1.0);
            assert_true(v >= 0.0 && isfinite(v));
            tail += v > 7.69711747013104972;
            int bin = (int)((1.0 - exp(-v)) * BINS);
            count[bin < BINS ? bin : BINS - 1]++;
        }
        double chi = 0.0, expect = (double)NCHI / BINS;
        for (int b = 0; b < BINS; b++)
            chi += ((double)count[b] - expect) * ((double)count[b] - expect) / expect;
        assert_true(chi < 999.0 + 5.0 * sqrt(2.0 * 999.0));
        double p_tail = exp(-7.69711747013104972);
        assert_true(fabs((double)tail - NCHI * p_tail) < 5.0 * sqrt(NCHI * p_tail));
        gsl_rng_free(r);
    }
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rng_should_produce_the_published_xoshiro256pp_sequence),
        cmocka_unit_test(rng_seed_hash_should_match_known_values),
        cmocka_unit_test(rng_streams_should_be_reproducible),
        cmocka_unit_test(rng_streams_should_be_uncorrelated),
        cmocka_unit_test(rng_draws_should_have_the_right_moments),
        cmocka_unit_test(rng_inline_uniform_should_equal_the_gsl_path),
        cmocka_unit_test(rng_exponential_should_pass_goodness_of_fit_tests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
