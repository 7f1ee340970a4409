/* sim_calendar.c -- calendar lookup by name and the generic constructor. */
#include "sim_calendar.h"

#include <string.h>

#include "sim_alloc.h"

const sim_calendar_type *sim_calendar_type_by_name(const char *name, sim_error *err)
{
    if (name == NULL || strcmp(name, "heap") == 0)
        return &sim_calendar_heap;
    if (strcmp(name, "list") == 0)
        return &sim_calendar_list;
    sim_error_set(err, SIM_EINVAL, "calendar", "unknown calendar '%s' (expected heap or list)",
                  name);
    return NULL;
}

sim_calendar *sim_calendar_new(const sim_calendar_type *type, size_t capacity_hint)
{
    if (type == NULL)
        type = &sim_calendar_heap;
    sim_calendar *cal = sim_malloc(sizeof *cal);
    if (cal == NULL)
        return NULL;
    cal->type = type;
    cal->state = sim_calloc(1, type->state_size);
    if (cal->state == NULL || type->init(cal->state, capacity_hint) != SIM_OK) {
        sim_free(cal->state);
        sim_free(cal);
        return NULL;
    }
    return cal;
}

void sim_calendar_free(sim_calendar *cal)
{
    if (cal == NULL)
        return;
    cal->type->fini(cal->state);
    sim_free(cal->state);
    sim_free(cal);
}
