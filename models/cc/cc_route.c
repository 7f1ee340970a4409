/* cc_route.c -- the list of routing policies and the lookups over it (cc_route.h). */
#include "cc_route.h"

#include <string.h>

/* Every routing policy, one line each. A new policy is its own file, cc_route_NAME.c
 * defining `const cc_route_type cc_route_NAME`, plus one line here: the declaration and the
 * list entry both come from it. */
#define CC_ROUTE_TYPES(X) \
    X(siloed)             \
    X(unified)

#define CC_ROUTE_DECLARE(name) extern const cc_route_type cc_route_##name;
CC_ROUTE_TYPES(CC_ROUTE_DECLARE)
#define CC_ROUTE_ENTRY(name) &cc_route_##name,
static const cc_route_type *const route_types[] = {CC_ROUTE_TYPES(CC_ROUTE_ENTRY) NULL};

const cc_route_type *const *cc_route_types_setup(void)
{
    return route_types;
}

const cc_route_type *cc_route_type_of(const scenario *scn)
{
    for (size_t i = 0; route_types[i] != NULL; i++) {
        if (route_types[i]->mode == scn->routing.mode)
            return route_types[i];
    }
    return NULL;
}

const cc_route_type *cc_route_type_by_name(const char *name)
{
    for (size_t i = 0; name != NULL && route_types[i] != NULL; i++) {
        if (strcmp(route_types[i]->name, name) == 0)
            return route_types[i];
    }
    return NULL;
}

sim_status cc_route_group_shares(const cc_route_type *rt, const scenario *scn, double *share,
                                 sim_error *err)
{
    double w[SCENARIO_MAX_GROUPS];
    sim_status st = rt->group_weights(scn, NULL, w, err);
    if (st != SIM_OK)
        return st;
    size_t n_desks = rt->n_desks(scn);
    for (size_t d = 0; d < n_desks; d++) {
        /* Sums in group order, so a desk of one group gets exactly w / w = 1. */
        double sum = 0.0;
        size_t n = 0;
        for (size_t g = 0; g < scn->n_groups; g++) {
            if (rt->desk_of_group(scn, g) == d) {
                sum += w[g];
                n++;
            }
        }
        for (size_t g = 0; g < scn->n_groups; g++) {
            if (rt->desk_of_group(scn, g) == d)
                share[g] = sum > 0.0 ? w[g] / sum : 1.0 / (double)n;
        }
    }
    return SIM_OK;
}
