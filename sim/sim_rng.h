/* sim_rng.h -- random streams: one independent gsl_rng per (replication, purpose).
 *
 * A stream's seed is a hash of (master seed, replication, purpose), so that
 *  - two policies run with the same seed see the same arrivals, handle times and patience
 *    (common random numbers), because each purpose draws from its own stream;
 *  - a replication's results depend only on its index, never on which thread ran it.
 * Purposes are small integers chosen by the model; the kernel gives them no meaning.
 *
 * The default generator is xoshiro256++ (Blackman & Vigna 2019), hosted in GSL's generator
 * framework as a gsl_rng_type so that every gsl_ran_* distribution works with it. GSL has no
 * generator of this speed with 64-bit output; its own types remain selectable by name.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sim_error.h"

/* xoshiro256++: period 2^256 - 1, 64-bit output, passes BigCrush. Seeding expands the 64-bit
 * seed with splitmix64, so any seed (including 0) gives a valid non-zero state. */
extern const gsl_rng_type *sim_rng_xoshiro256pp;

/* The stream seed for (master, replication, purpose): three rounds of the splitmix64
 * finaliser (Steele, Lea & Flood 2014), so nearby inputs give unrelated seeds. */
uint64_t sim_rng_seed_hash(uint64_t master, uint64_t replication, uint64_t purpose);

/* The generator type called `name`: "xoshiro256++" or any GSL name ("mt19937", "ranlxd2",
 * ...). Returns NULL and fills err (listing a few valid names) when unknown. */
const gsl_rng_type *sim_rng_type_by_name(const char *name, sim_error *err);

/* A new stream of `type` (NULL: xoshiro256++) seeded with sim_rng_seed_hash(master,
 * replication, purpose). The caller owns it and frees it with gsl_rng_free. NULL when out of
 * memory. */
gsl_rng *sim_rng_stream_new(const gsl_rng_type *type, uint64_t master, uint64_t replication,
                            uint64_t purpose);

/* An exponential variate with the given mean (> 0), in the mean's unit. Inversion of a
 * uniform on (0, 1]; the same draw as gsl_ran_exponential but without its log1p(-u) detour,
 * because this is the hottest call of every queueing model. */
double sim_rng_exponential(const gsl_rng *r, double mean);

#endif /* SIM_RNG_H */
