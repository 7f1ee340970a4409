/* sim_rng.c -- see sim_rng.h. */
#include "sim_rng.h"

#include <math.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_rng_ziggurat_internal.h"

typedef sim_rng_xoshiro_state xoshiro_state;
#define xoshiro_next sim_rng_xoshiro_next

/* splitmix64 step: advances *x by the golden gamma and returns its finalised value. */
static inline uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void xoshiro_set(void *vstate, unsigned long int seed)
{
    xoshiro_state *st = vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++)
        st->s[i] = splitmix64(&x);
    /* An all-zero state is the one fixed point; splitmix64 never yields four zeros, but the
     * check costs nothing and documents the invariant. */
    if ((st->s[0] | st->s[1] | st->s[2] | st->s[3]) == 0)
        st->s[0] = 1;
}

static unsigned long int xoshiro_get(void *vstate)
{
    return (unsigned long int)xoshiro_next(vstate);
}

/* Uniform on [0, 1) with 53 random bits (the top bits are the strongest). */
static double xoshiro_get_double(void *vstate)
{
    return (double)(xoshiro_next(vstate) >> 11) * 0x1.0p-53;
}

const gsl_rng_type sim_rng_xoshiro256pp_type = {
    "xoshiro256++",       /* name */
    0xffffffffffffffffUL, /* RAND_MAX: 64-bit output (unsigned long is 64 bits on LP64) */
    0,                    /* RAND_MIN */
    sizeof(xoshiro_state),
    &xoshiro_set,
    &xoshiro_get,
    &xoshiro_get_double,
};

const gsl_rng_type *sim_rng_xoshiro256pp = &sim_rng_xoshiro256pp_type;

uint64_t sim_rng_seed_hash(uint64_t master, uint64_t replication, uint64_t purpose)
{
    uint64_t x = master;
    uint64_t h = splitmix64(&x);
    x = h ^ (replication * 0xd1b54a32d192ed03ULL);
    h = splitmix64(&x);
    x = h ^ (purpose * 0xaef17502108ef2d9ULL + 0x632be59bd9b4e019ULL);
    return splitmix64(&x);
}

const gsl_rng_type *sim_rng_type_by_name(const char *name, sim_error *err)
{
    if (name == NULL || strcmp(name, "xoshiro256++") == 0)
        return sim_rng_xoshiro256pp;
    for (const gsl_rng_type **t = gsl_rng_types_setup(); *t != NULL; t++) {
        if (strcmp((*t)->name, name) == 0)
            return *t;
    }
    sim_error_set(err, SIM_EINVAL, "rng", "unknown generator '%s' (try xoshiro256++, mt19937, "
                  "ranlxd2, taus2)", name);
    return NULL;
}

gsl_rng *sim_rng_stream_new(const gsl_rng_type *type, uint64_t master, uint64_t replication,
                            uint64_t purpose)
{
    if (type == NULL)
        type = sim_rng_xoshiro256pp;
    /* gsl_rng_alloc uses malloc directly; the failure injector is consulted first so that
     * fault-injection tests cover stream creation too. */
    void *probe = sim_malloc(1);
    if (probe == NULL)
        return NULL;
    sim_free(probe);
    gsl_rng *r = gsl_rng_alloc(type);
    if (r == NULL)
        return NULL;
    gsl_rng_set(r, (unsigned long int)sim_rng_seed_hash(master, replication, purpose));
    return r;
}

/* The ziggurat's rare cases: the base layer's tail (beyond r the exponential is memoryless,
 * so the tail is r plus a fresh exponential, drawn by inversion) and the wedge of a layer
 * (x between x[i+1] and x[i]: accept when a uniform height under the layer's top lies below
 * exp(-x)); a rejected point starts over with a new layer. */
double sim_rng_exponential_slow(const gsl_rng *r, unsigned layer, double x)
{
    sim_rng_xoshiro_state *st = r->state;
    for (;;) {
        if (layer == 0)
            return SIM_RNG_ZIG_R - log(1.0 - (double)(xoshiro_next(st) >> 11) * 0x1.0p-53);
        double height = sim_rng_zig_f[layer] + (double)(xoshiro_next(st) >> 11) * 0x1.0p-53 *
                                                   (sim_rng_zig_f[layer + 1] - sim_rng_zig_f[layer]);
        if (height < exp(-x))
            return x;
        uint64_t u = xoshiro_next(st);
        layer = (unsigned)(u & 0xff);
        x = (double)(u >> 11) * sim_rng_zig_w[layer];
        if (x < sim_rng_zig_x[layer + 1])
            return x;
    }
}
