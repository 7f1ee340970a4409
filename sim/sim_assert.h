/* sim_assert.h -- invariants that are the program's fault, never the user's.
 *
 * Two levels (after Cimba and SQLite): SIM_ASSERT stays in release builds and guards cheap
 * invariants (scheduling in the past, popping an empty calendar); SIM_ASSERT_DEBUG is compiled
 * only when NDEBUG is not defined and guards expensive ones (a full heap check). User input is
 * validated once at load time, so no assertion can be triggered by a scenario file.
 */
#ifndef SIM_ASSERT_H
#define SIM_ASSERT_H

/* Print "file:line: invariant failed: expr (why)" to stderr and abort(). Never returns. */
_Noreturn void sim_assert_fail(const char *expr, const char *why, const char *file, int line);

#define SIM_ASSERT(cond, why) \
    ((cond) ? (void)0 : sim_assert_fail(#cond, (why), __FILE__, __LINE__))

#ifdef NDEBUG
#define SIM_ASSERT_DEBUG(cond, why) ((void)0)
#else
#define SIM_ASSERT_DEBUG(cond, why) SIM_ASSERT(cond, why)
#endif

#endif /* SIM_ASSERT_H */
