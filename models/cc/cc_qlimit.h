/* cc_qlimit.h -- what a real-time queue tells a contact at its entrance: the announced
 * (estimated) wait and the probability of balking (docs/model.md, "Lines, balking and the
 * queue's exit").
 *
 * What it is: pure functions of a channel's parameters and of counts the life cycle
 * (cc_model.c) reads from its state when a contact must wait. What it is not: the decision
 * itself (the life cycle draws the contact's uniform and books the outcome), nor a reader of
 * the model's state. No allocation, no random numbers.
 */
#ifndef CC_QLIMIT_H
#define CC_QLIMIT_H

#include <stddef.h>

#include "scenario.h"

/* The wait announced to a contact about to join a queue, in seconds:
 * (waiting + 1) x mean_handle_s / servers, where the caller gives the mean handle time now
 * (of the period of the day, if the channel has periods), `waiting` (the channel's contacts
 * already waiting) and `servers` (agents on duty who take the channel at once, times the
 * concurrency for chat). It is the mean wait of M/M/c FIFO when every agent is busy, the
 * planner's usual announcement; +infinity when servers is 0. O(1). */
double cc_qlimit_estimated_wait_s(double mean_handle_s, double waiting, double servers);

/* The probability that a contact which must wait balks, for `ahead` contacts already waiting
 * and an announced wait of wait_s (only read when balk_per_announced_minute > 0; infinity
 * gives 1): min(1, share + per_caller_ahead x ahead + per_announced_minute x wait_s / 60). */
double cc_qlimit_balk_probability(const scenario_channel *ch, double ahead, double wait_s);

#endif /* CC_QLIMIT_H */
