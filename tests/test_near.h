/* test_near.h -- assert_near(got, want, tol): fails the test unless |got - want| <= tol,
 * naming the line and printing both values to 17 digits. Include after <cmocka.h>. */
#ifndef TEST_NEAR_H
#define TEST_NEAR_H

#include <math.h>

#define assert_near(got, want, tol) assert_near_at((got), (want), (tol), __LINE__)
static inline void assert_near_at(double got, double want, double tol, int line)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("line %d: got %.17g, want %.17g (tolerance %g)", line, got, want, tol);
}

#endif /* TEST_NEAR_H */
