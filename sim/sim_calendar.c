/* sim_calendar.c -- the list of calendar types, lookup by name, the generic constructor. */
#include "sim_calendar.h"

#include <stdio.h>
#include <string.h>

#include "sim_alloc.h"

/* Every calendar type, one line each, the default first. A new calendar is one file,
 * sim_calendar_NAME.c defining `const sim_calendar_type sim_calendar_NAME` (name "NAME"), plus
 * one line here: the declaration and the list entry below both come from this line, and the
 * lookup by name, `omnisim bench --calendar` and the calendar test suites (which run every
 * type of the list) follow. */
#define SIM_CALENDAR_TYPES(X) \
    X(heap)                   \
    X(list)

#define SIM_CALENDAR_DECLARE(name) extern const sim_calendar_type sim_calendar_##name;
SIM_CALENDAR_TYPES(SIM_CALENDAR_DECLARE)
#define SIM_CALENDAR_ENTRY(name) &sim_calendar_##name,
static const sim_calendar_type *const calendar_types[] = {SIM_CALENDAR_TYPES(SIM_CALENDAR_ENTRY)
                                                              NULL};

const sim_calendar_type *const *sim_calendar_types_setup(void)
{
    return calendar_types;
}

const sim_calendar_type *sim_calendar_type_by_name(const char *name, sim_error *err)
{
    if (name == NULL)
        return calendar_types[0];
    for (size_t i = 0; calendar_types[i] != NULL; i++) {
        if (strcmp(name, calendar_types[i]->name) == 0)
            return calendar_types[i];
    }
    /* "expected heap or list": the names of the list, the last joined by "or". */
    char names[256] = "";
    size_t len = 0;
    for (size_t i = 0; calendar_types[i] != NULL && len < sizeof names; i++) {
        const char *sep = i == 0 ? "" : calendar_types[i + 1] == NULL ? " or " : ", ";
        int w = snprintf(names + len, sizeof names - len, "%s%s", sep, calendar_types[i]->name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
    sim_error_set(err, SIM_EINVAL, "calendar", "unknown calendar '%s' (expected %s)", name,
                  names);
    return NULL;
}

sim_calendar *sim_calendar_new(const sim_calendar_type *type, size_t capacity_hint)
{
    if (type == NULL)
        type = calendar_types[0];
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
