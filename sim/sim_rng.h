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

#include <math.h>
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

/* Private: the state of a xoshiro256++ stream, exposed only for the inline fast path below
 * (the generator itself is defined in sim_rng.c). */
typedef struct sim_rng_xoshiro_state {
    uint64_t s[4];
} sim_rng_xoshiro_state;

static inline uint64_t sim_rng_xoshiro_next(sim_rng_xoshiro_state *st)
{
    uint64_t *s = st->s;
    const uint64_t sum = s[0] + s[3];
    const uint64_t result = ((sum << 23) | (sum >> 41)) + s[0];
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* A uniform variate on (0, 1]: 1 - gsl_rng_uniform(r). For xoshiro256++ streams it calls the
 * generator inline (no indirect call) and returns exactly the value the GSL path would, so
 * results never depend on which path ran. */
static inline double sim_rng_uniform_pos1(const gsl_rng *r)
{
    if (r->type == sim_rng_xoshiro256pp)
        return 1.0 - (double)(sim_rng_xoshiro_next(r->state) >> 11) * 0x1.0p-53;
    return 1.0 - gsl_rng_uniform(r);
}

/* An exponential variate with the given mean (> 0), in the mean's unit, by inversion of a
 * uniform on (0, 1]: the same distribution as gsl_ran_exponential, inline, because this is
 * the hottest call of every queueing model. */
static inline double sim_rng_exponential(const gsl_rng *r, double mean)
{
    return -mean * log(sim_rng_uniform_pos1(r));
}

#endif /* SIM_RNG_H */
