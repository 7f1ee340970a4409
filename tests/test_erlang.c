/* test_erlang.c -- models/erlang: the reference grid, invalid input, edge behaviour.
 *
 * The expected values come from tests/data/erlang_reference.csv, written by
 * tests/erlang_reference.py with mpmath at 50 digits (an independent implementation of the
 * same published formulas, cross-checked there against a brute-force birth-death chain).
 * Tolerance: relative error <= 1e-9 for every measure whose true value is >= 1e-300; values
 * below that (underflow) must come back within 1e-300 absolute.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "erlang.h"

#define REL_TOL 1e-9
#define TINY 1e-300

enum { F_B, F_PWAIT, F_PAB, F_SL, F_SLA, F_ASA, F_MW, F_OCC, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "erlang_b", "p_wait", "p_abandon", "service_level", "service_level_answered",
    "asa", "mean_wait", "occupancy"};

typedef struct grid_row {
    char label[32];
    double agents, rate, aht, patience, threshold;
    double want[F_COUNT];
} grid_row;

/* Read the reference CSV; returns the number of rows (the caller frees *rows). */
static size_t load_grid(grid_row **rows)
{
    const char *path = OMNISIM_SOURCE_DIR "/tests/data/erlang_reference.csv";
    FILE *fh = fopen(path, "r");
    if (fh == NULL)
        fail_msg("cannot open %s", path);
    size_t cap = 256, n = 0;
    grid_row *out = calloc(cap, sizeof *out);
    assert_non_null(out);
    char line[1024];
    while (fgets(line, sizeof line, fh) != NULL) {
        if (line[0] == '#' || strncmp(line, "case,", 5) == 0)
            continue;
        if (n == cap) {
            cap *= 2;
            out = realloc(out, cap * sizeof *out);
            assert_non_null(out);
        }
        grid_row *r = &out[n];
        char *save = NULL;
        char *tok = strtok_r(line, ",\n", &save);
        assert_non_null(tok);
        snprintf(r->label, sizeof r->label, "%s", tok);
        double *dst[5 + F_COUNT] = {&r->agents, &r->rate, &r->aht, &r->patience, &r->threshold};
        for (int i = 0; i < F_COUNT; i++)
            dst[5 + i] = &r->want[i];
        for (int i = 0; i < 5 + F_COUNT; i++) {
            tok = strtok_r(NULL, ",\n", &save);
            assert_non_null(tok);
            *dst[i] = strtod(tok, NULL);
        }
        n++;
    }
    fclose(fh);
    *rows = out;
    return n;
}

static double rel_err(double got, double want)
{
    if (fabs(want) < TINY)
        return fabs(got - want) <= TINY ? 0.0 : HUGE_VAL;
    return fabs(got - want) / fabs(want);
}

static void erlang_should_match_the_mpmath_reference_grid_to_1e9(void **state)
{
    (void)state;
    grid_row *rows = NULL;
    size_t n = load_grid(&rows);
    assert_true(n >= 100);
    double worst[F_COUNT] = {0};
    size_t worst_row[F_COUNT] = {0};
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        const grid_row *r = &rows[i];
        erlang_queue q;
        erlang_queue_init(&q);
        q.agents = r->agents;
        q.arrival_rate = r->rate;
        q.aht_s = r->aht;
        q.patience_s = r->patience;
        q.threshold_s = r->threshold;
        erlang_result res;
        sim_error err;
        sim_error_clear(&err);
        sim_status st = erlang_eval(&q, &res, &err);
        if (st != SIM_OK) {
            printf("row %zu (%s n=%g): error %s: %s\n", i, r->label, r->agents,
                   sim_status_name(st), err.message);
            failures++;
            continue;
        }
        double b;
        assert_int_equal(erlang_b(r->agents, r->rate * r->aht, &b, NULL), SIM_OK);
        double got[F_COUNT] = {b, res.p_wait, res.p_abandon, res.service_level,
                               res.service_level_answered, res.asa_s, res.mean_wait_s,
                               res.occupancy};
        for (int f = 0; f < F_COUNT; f++) {
            assert_true(isfinite(got[f]));
            double e = rel_err(got[f], r->want[f]);
            if (e > REL_TOL) {
                printf("row %zu (%s n=%g rate=%g aht=%g pat=%g t=%g) %s: got %.17g want %.17g "
                       "rel %.3g\n",
                       i, r->label, r->agents, r->rate, r->aht, r->patience, r->threshold,
                       field_names[f], got[f], r->want[f], e);
                failures++;
            }
            if (e > worst[f]) {
                worst[f] = e;
                worst_row[f] = i;
            }
        }
    }
    double overall = 0.0;
    for (int f = 0; f < F_COUNT; f++) {
        printf("max relative error %-24s %.3e (row %zu)\n", field_names[f], worst[f],
               worst_row[f]);
        if (worst[f] > overall)
            overall = worst[f];
    }
    printf("max relative error over %zu cases x %d measures: %.3e\n", n, F_COUNT, overall);
    free(rows);
    assert_int_equal(failures, 0);
}

static void erlang_eval_should_reject_agents_not_above_load_without_patience(void **state)
{
    (void)state;
    erlang_queue q;
    erlang_queue_init(&q);
    q.arrival_rate = 10.0 / 60.0;
    q.aht_s = 180.0; /* 30 Erlang */
    q.agents = 30.0;
    erlang_result r;
    sim_error err;
    sim_error_clear(&err);
    assert_int_equal(erlang_eval(&q, &r, &err), SIM_EINVAL);
    assert_string_equal(err.path, "agents");
    assert_non_null(strstr(err.message, "offered load"));
    double c;
    assert_int_equal(erlang_c(29.5, 30.0, &c, &err), SIM_EINVAL);
    assert_string_equal(err.path, "agents");
    /* with patience the same system is stable */
    q.patience_s = 60.0;
    assert_int_equal(erlang_eval(&q, &r, &err), SIM_OK);
    assert_true(r.p_abandon > 0.0 && r.p_abandon < 1.0);
}

static void erlang_eval_should_name_each_invalid_field(void **state)
{
    (void)state;
    struct {
        const char *path;
        double rate, aht, patience, agents, threshold, redial;
    } cases[] = {
        {"arrival_rate", -1.0, 180.0, 0.0, 10.0, 20.0, 0.0},
        {"arrival_rate", 0.0, 180.0, 0.0, 10.0, 20.0, 0.0},
        {"arrival_rate", NAN, 180.0, 0.0, 10.0, 20.0, 0.0},
        {"aht_s", 0.01, 0.0, 0.0, 10.0, 20.0, 0.0},
        {"aht_s", 0.01, HUGE_VAL, 0.0, 10.0, 20.0, 0.0},
        {"agents", 0.01, 180.0, 0.0, 0.0, 20.0, 0.0},
        {"agents", 0.01, 180.0, 0.0, -3.0, 20.0, 0.0},
        {"patience_s", 0.01, 180.0, -5.0, 10.0, 20.0, 0.0},
        {"threshold_s", 0.01, 180.0, 0.0, 10.0, -1.0, 0.0},
        {"redial_share", 0.01, 180.0, 60.0, 10.0, 20.0, 1.0},
        {"redial_share", 0.01, 180.0, 60.0, 10.0, 20.0, -0.1},
        {"redial_share", 0.01, 180.0, 0.0, 10.0, 20.0, 0.5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        erlang_queue q;
        erlang_queue_init(&q);
        q.arrival_rate = cases[i].rate;
        q.aht_s = cases[i].aht;
        q.patience_s = cases[i].patience;
        q.agents = cases[i].agents;
        q.threshold_s = cases[i].threshold;
        q.redial_share = cases[i].redial;
        erlang_result r;
        memset(&r, 0, sizeof r);
        sim_error err;
        sim_error_clear(&err);
        assert_int_equal(erlang_eval(&q, &r, &err), SIM_EINVAL);
        assert_string_equal(err.path, cases[i].path);
        assert_true(strlen(err.message) > 0);
        assert_true(r.p_wait == 0.0); /* not written on failure */
    }
    double b;
    sim_error err;
    assert_int_equal(erlang_b(10.0, 0.0, &b, &err), SIM_EINVAL);
    assert_string_equal(err.path, "load");
    assert_int_equal(erlang_b(-1.0, 3.0, &b, &err), SIM_EINVAL);
    assert_string_equal(err.path, "agents");
}

/* Every measure finite and every probability in [0, 1] over a sweep from 1 to 100,000 agents,
 * loads from 1e-6 to 99,999 Erlang, with and without patience. */
static void erlang_eval_should_stay_finite_across_all_sizes(void **state)
{
    (void)state;
    const double loads_per_agent[] = {1e-6, 0.01, 0.3, 0.7, 0.9, 0.99, 0.9999, 1.0, 1.2, 3.0};
    const double patiences[] = {0.0, 1.0, 30.0, 300.0, 3000.0};
    int checked = 0;
    for (double n = 1.0; n <= 100000.0; n *= 3.7) {
        for (size_t i = 0; i < sizeof loads_per_agent / sizeof loads_per_agent[0]; i++) {
            for (size_t j = 0; j < sizeof patiences / sizeof patiences[0]; j++) {
                double load = fmin(n * loads_per_agent[i], 99999.0);
                if (patiences[j] == 0.0 && load >= n)
                    continue;
                erlang_queue q;
                erlang_queue_init(&q);
                q.agents = n;
                q.aht_s = 240.0;
                q.arrival_rate = load / 240.0;
                q.patience_s = patiences[j];
                q.threshold_s = 15.0;
                erlang_result r;
                sim_error err;
                sim_status st = erlang_eval(&q, &r, &err);
                if (st != SIM_OK)
                    fail_msg("n=%g load=%g patience=%g: %s", n, load, patiences[j], err.message);
                double probs[] = {r.erlang_b, r.p_wait, r.p_abandon, r.service_level,
                                  r.service_level_answered, r.occupancy};
                for (size_t k = 0; k < sizeof probs / sizeof probs[0]; k++) {
                    if (!(probs[k] >= 0.0 && probs[k] <= 1.0 + 1e-12))
                        fail_msg("n=%g load=%g patience=%g: measure %zu = %g", n, load,
                                 patiences[j], k, probs[k]);
                }
                assert_true(isfinite(r.asa_s) && r.asa_s >= 0.0);
                assert_true(isfinite(r.mean_wait_s) && r.mean_wait_s >= 0.0);
                assert_true(isfinite(r.wait_if_delayed_s) && r.wait_if_delayed_s >= 0.0);
                checked++;
            }
        }
    }
    assert_true(checked > 300);
}

/* Fractional agents interpolate: a measure at n + 0.5 lies strictly between its values at n
 * and n + 1 (each measure is monotone in n). */
static void erlang_should_interpolate_monotonically_between_whole_agents(void **state)
{
    (void)state;
    const double patiences[] = {0.0, 120.0};
    for (size_t j = 0; j < 2; j++) {
        for (double n = 9.0; n < 14.0; n += 1.0) {
            erlang_result r[3];
            for (int i = 0; i < 3; i++) {
                erlang_queue q;
                erlang_queue_init(&q);
                q.agents = n + 0.5 * i;
                q.arrival_rate = 8.5 / 300.0;
                q.aht_s = 300.0;
                q.patience_s = patiences[j];
                assert_int_equal(erlang_eval(&q, &r[i], NULL), SIM_OK);
            }
            assert_true(r[0].p_wait > r[1].p_wait && r[1].p_wait > r[2].p_wait);
            assert_true(r[0].service_level < r[1].service_level &&
                        r[1].service_level < r[2].service_level);
            assert_true(r[0].asa_s > r[1].asa_s && r[1].asa_s > r[2].asa_s);
            assert_true(r[0].erlang_b > r[1].erlang_b && r[1].erlang_b > r[2].erlang_b);
        }
    }
}

/* The redial fixed point: total = fresh + share x total x P(abandon at total). The residual is
 * recomputed here from an independent evaluation at the returned total rate. */
static void erlang_redials_should_solve_the_fixed_point(void **state)
{
    (void)state;
    const double shares[] = {0.1, 0.5, 0.9, 0.99};
    const double agents[] = {8.0, 30.0, 200.0};
    for (size_t i = 0; i < 4; i++) {
        for (size_t j = 0; j < 3; j++) {
            erlang_queue q;
            erlang_queue_init(&q);
            q.agents = agents[j];
            q.aht_s = 300.0;
            q.arrival_rate = agents[j] * 1.05 / 300.0; /* overloaded: plenty of abandonment */
            q.patience_s = 90.0;
            q.redial_share = shares[i];
            erlang_result with;
            assert_int_equal(erlang_eval(&q, &with, NULL), SIM_OK);
            erlang_queue plain = q;
            plain.redial_share = 0.0;
            plain.arrival_rate = with.arrival_rate;
            erlang_result at_total;
            assert_int_equal(erlang_eval(&plain, &at_total, NULL), SIM_OK);
            double lhs = with.arrival_rate;
            double rhs = q.arrival_rate + shares[i] * with.arrival_rate * at_total.p_abandon;
            assert_true(fabs(lhs - rhs) <= 1e-12 * lhs);
            assert_true(with.arrival_rate > q.arrival_rate);
            assert_true(with.p_abandon == at_total.p_abandon);
        }
    }
}

/* Erlang B for whole agents by the textbook recursion 1/B(k) = 1 + k / (a B(k-1)) (an
 * independent, stable method) agrees with the closed form for every k up to 2,000. */
static void erlang_b_should_agree_with_the_recursion_for_whole_agents(void **state)
{
    (void)state;
    const double loads[] = {0.05, 3.3, 47.0, 512.0, 1999.5};
    for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++) {
        double inv = 1.0;
        for (int k = 1; k <= 2000; k++) {
            inv = 1.0 + (double)k / loads[i] * inv;
            double b;
            assert_int_equal(erlang_b((double)k, loads[i], &b, NULL), SIM_OK);
            double want = 1.0 / inv;
            if (want < TINY)
                break;
            if (fabs(b - want) > 1e-11 * want)
                fail_msg("k=%d a=%g: closed %.17g recursion %.17g", k, loads[i], b, want);
        }
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(erlang_should_match_the_mpmath_reference_grid_to_1e9),
        cmocka_unit_test(erlang_eval_should_reject_agents_not_above_load_without_patience),
        cmocka_unit_test(erlang_eval_should_name_each_invalid_field),
        cmocka_unit_test(erlang_eval_should_stay_finite_across_all_sizes),
        cmocka_unit_test(erlang_should_interpolate_monotonically_between_whole_agents),
        cmocka_unit_test(erlang_redials_should_solve_the_fixed_point),
        cmocka_unit_test(erlang_b_should_agree_with_the_recursion_for_whole_agents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
