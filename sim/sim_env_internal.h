/* sim_env_internal.h -- hooks into sim_env for the kernel's own tests. Not installed.
 *
 * The calendar key holds SIM_CALENDAR_SEQ_BITS bits of sequence number; when the counter
 * reaches the limit the environment renumbers the pending entries (sim_env.c). At the real
 * limit (2^28 schedules) that takes minutes to reach, so tests lower it to exercise the
 * renumbering many times in a small run.
 */
#ifndef SIM_ENV_INTERNAL_H
#define SIM_ENV_INTERNAL_H

#include <stdint.h>

#include "sim_env.h"

/* Renumber when the sequence counter reaches `limit` (2 .. SIM_CALENDAR_SEQ_LIMIT, above the
 * current counter) instead of SIM_CALENDAR_SEQ_LIMIT. The caller keeps fewer than `limit`
 * events pending (an assertion). Does not change the order of events. */
void sim_env_set_sequence_limit(sim_env *env, uint64_t limit);

#endif /* SIM_ENV_INTERNAL_H */
