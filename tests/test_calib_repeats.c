/* test_calib_repeats.c -- repeats, hops and retrials from customer ids (calib_repeats.h): known
 * counts on a handmade sequence, and recovery of FCR, retrial and hop shares and the delays on
 * a synthetic stream of 20000 needs with known behaviour (fixed seed, 99% intervals), with the
 * memory bounded by the customers open within the window. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calib_repeats.h"

#include "test_near.h"

enum { ANS = 0, ABD = 1, PHONE = 0, CHAT = 1 };

static void handmade_sequence_should_give_known_counts(void **state)
{
    (void)state;
    calib_repeats *r = calib_repeats_new(3600.0);
    /* a: phone abandoned at 0..60, retries phone at 660 (delay 600), answered, done 900;
     * b: phone answered, done 100; chat 5000 (beyond the window: a new need), answered;
     * c: chat answered done 50, phone at 1050 (delay 1000); anonymous: phone answered */
    assert_int_equal(calib_repeats_add(r, "a", PHONE, ABD, 0, 60, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "c", CHAT, ANS, 10, 50, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "b", PHONE, ANS, 20, 100, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "", PHONE, ANS, 30, 90, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "a", PHONE, ANS, 660, 900, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "c", PHONE, ANS, 1050, 1200, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "b", CHAT, ANS, 5000, 5100, NULL, NULL), SIM_OK);
    assert_int_equal(calib_repeats_add(r, "x", 64, ANS, 6000, 6100, NULL, NULL), SIM_EINVAL);
    calib_repeats_finish(r);
    assert_near(calib_repeats_contacts(r, PHONE, ABD), 1.0, 0.0);
    assert_near(calib_repeats_next(r, PHONE, ABD, PHONE), 1.0, 0.0);
    assert_near(calib_repeats_contacts(r, PHONE, ANS), 4.0, 0.0); /* b, anonymous, a, c */
    assert_near(calib_repeats_ended(r, PHONE, ANS), 4.0, 0.0);
    assert_near(calib_repeats_contacts(r, CHAT, ANS), 2.0, 0.0);
    assert_near(calib_repeats_next(r, CHAT, ANS, PHONE), 1.0, 0.0);
    assert_near(calib_repeats_ended(r, CHAT, ANS), 1.0, 0.0);
    calib_fit_result f;
    assert_int_equal(calib_fit_get(calib_repeats_delays(r, PHONE, ABD, 1), &f, NULL), SIM_EINVAL);
    assert_int_equal(f.n, 1);
    calib_fit_get(calib_repeats_delays(r, CHAT, ANS, 0), &f, NULL);
    assert_int_equal(f.n, 1);
    assert_int_equal(calib_repeats_out_of_order(r), 0);
    double p, se;
    calib_repeats_share(1.0, 4.0, &p, &se);
    assert_near(p, 0.25, 0.0);
    assert_near(se, sqrt(0.25 * 0.75 / 4.0), 1e-15);
    calib_repeats_share(0.0, 0.0, &p, &se);
    assert_true(isnan(p));
    calib_repeats_free(r);
}

/* Needs arrive at 10 s spacing, all in phone first; answered with probability 0.8; an
 * answered contact is unresolved with probability 0.3 and then repeats in chat (2/3) or
 * phone (1/3) after an exponential 1200 s; an abandoned one retries phone with probability 0.4
 * after 300 s, else hops to chat with probability 0.25 of the rest after 900 s. Chat is
 * always answered and resolved. Contacts are emitted in arrival order. */
typedef struct pending {
    double t;
    int ch;
    unsigned need;
} pending;

static int cmp_pending(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

static void synthetic_stream_should_recover_the_shares(void **state)
{
    (void)state;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 77);
    calib_repeats *r = calib_repeats_new(4.0 * 3600.0);
    /* an event list small enough to sort as we go: a binary heap would do, a sorted array of
     * the pending contacts is plenty for a test */
    static pending q[4096];
    size_t nq = 0;
    const unsigned needs = 20000;
    unsigned made = 0;
    double t_next = 0.0;
    while (made < needs || nq > 0) {
        pending c;
        if (made < needs && (nq == 0 || t_next <= q[0].t)) {
            c = (pending){t_next, PHONE, made++};
            t_next += 10.0;
        } else {
            c = q[0];
            memmove(q, q + 1, (nq - 1) * sizeof *q);
            nq--;
        }
        char id[16];
        snprintf(id, sizeof id, "n%u", c.need);
        int answered = c.ch == CHAT || gsl_rng_uniform(rng) < 0.8;
        double done = c.t + (answered ? 200.0 : 60.0);
        assert_int_equal(calib_repeats_add(r, id, (size_t)c.ch, answered ? ANS : ABD, c.t, done,
                                           NULL, NULL),
                         SIM_OK);
        pending nx = {0, -1, c.need};
        if (c.ch == PHONE && answered && gsl_rng_uniform(rng) < 0.3) {
            nx.ch = gsl_rng_uniform(rng) < 2.0 / 3.0 ? CHAT : PHONE;
            nx.t = done + gsl_ran_exponential(rng, 1200.0);
        } else if (c.ch == PHONE && !answered) {
            if (gsl_rng_uniform(rng) < 0.4) {
                nx.ch = PHONE;
                nx.t = done + gsl_ran_exponential(rng, 300.0);
            } else if (gsl_rng_uniform(rng) < 0.25) {
                nx.ch = CHAT;
                nx.t = done + gsl_ran_exponential(rng, 900.0);
            }
        }
        if (nx.ch >= 0 && nx.t - done <= 4.0 * 3600.0) {
            assert_true(nq < 4096);
            q[nq++] = nx;
            qsort(q, nq, sizeof *q, cmp_pending);
        }
    }
    calib_repeats_finish(r);
    double n_ans = calib_repeats_contacts(r, PHONE, ANS);
    double p, se;
    /* FCR of phone: 0.7 */
    calib_repeats_share(calib_repeats_ended(r, PHONE, ANS), n_ans, &p, &se);
    if (!(fabs(p - 0.7) <= 2.576 * se))
        fail_msg("FCR %.4f +- %.4f, true 0.7", p, se);
    /* unresolved to chat: 0.3 x 2/3 = 0.2 of the answered */
    calib_repeats_share(calib_repeats_next(r, PHONE, ANS, CHAT), n_ans, &p, &se);
    if (!(fabs(p - 0.2) <= 2.576 * se))
        fail_msg("phone->chat after answer %.4f +- %.4f, true 0.2", p, se);
    /* retrial share after abandonment: 0.4; hop to chat: 0.6 x 0.25 = 0.15 */
    double n_ab = calib_repeats_contacts(r, PHONE, ABD);
    calib_repeats_share(calib_repeats_next(r, PHONE, ABD, PHONE), n_ab, &p, &se);
    if (!(fabs(p - 0.4) <= 2.576 * se))
        fail_msg("retrial share %.4f +- %.4f, true 0.4", p, se);
    calib_repeats_share(calib_repeats_next(r, PHONE, ABD, CHAT), n_ab, &p, &se);
    if (!(fabs(p - 0.15) <= 2.576 * se))
        fail_msg("hop share %.4f +- %.4f, true 0.15", p, se);
    /* retrial delay: mean 300 s */
    calib_fit_result f;
    assert_int_equal(calib_fit_get(calib_repeats_delays(r, PHONE, ABD, 1), &f, NULL), SIM_OK);
    if (!(fabs(f.mean_s - 300.0) <= 2.576 * f.mean_se))
        fail_msg("retrial delay %.1f +- %.1f, true 300", f.mean_s, f.mean_se);
    /* chat is always resolved */
    assert_near(calib_repeats_ended(r, CHAT, ANS), calib_repeats_contacts(r, CHAT, ANS), 0.0);
    /* memory: customers open within the 4 h window (about 1440 needs arrive in 4 h), far fewer
     * than the 20000 seen */
    assert_true(calib_repeats_peak_customers(r) < 20000 / 4);
    assert_int_equal(calib_repeats_out_of_order(r), 0);
    calib_repeats_free(r);
    gsl_rng_free(rng);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(handmade_sequence_should_give_known_counts),
        cmocka_unit_test(synthetic_stream_should_recover_the_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
