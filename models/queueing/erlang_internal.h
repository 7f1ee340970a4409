/* erlang_internal.h -- helpers shared by erlang.c and erlang_staff.c, not public API.
 *
 * The staffing search steps whole agents with the Erlang B recursion instead of calling the
 * closed form for every candidate; these let it turn a known 1/B into every Erlang C measure
 * exactly as erlang_eval does, so both paths give the same numbers.
 */
#ifndef ERLANG_INTERNAL_H
#define ERLANG_INTERNAL_H

#include "erlang.h"

/* Fill every Erlang C measure of (agents, rate, aht_s, threshold_s) into *out, given
 * ln_inv_b = ln(1 / B(agents, rate * aht_s)). Requires agents > rate * aht_s > 0 (asserted);
 * the caller validated its input. */
void erlang_internal_c_fill(double agents, double rate, double aht_s, double threshold_s,
                            double ln_inv_b, erlang_result *out);

/* Fill every Erlang A measure into *out, given ln_inv_b = ln(1 / B(agents, rate * aht_s));
 * patience_s > 0. Returns SIM_OK or SIM_ENOCONV (a series or GSL call failed). */
sim_status erlang_internal_a_fill(double agents, double rate, double aht_s, double patience_s,
                                  double threshold_s, double ln_inv_b, erlang_result *out);

/* ln(1 / B(agents, load)) for agents > 0, load > 0: the closed form used by erlang_b.
 * Returns SIM_OK or SIM_ENOCONV (GSL failure or a continued fraction that did not converge;
 * not expected). */
sim_status erlang_internal_ln_inv_b(double agents, double load, double *out);

#endif /* ERLANG_INTERNAL_H */
