/* sim_calendar_list.c -- a sorted array calendar: the oracle for the heap's tests.
 *
 * Kept deliberately simple (STYLE 25): entries sorted in decreasing (time, key), so the
 * first event is at the end and pop is O(1); insert shifts O(n) entries. Use it for tests
 * and for models with a handful of pending events.
 */
#include <string.h>

#include "sim_alloc.h"
#include "sim_calendar.h"

typedef struct list_state {
    sim_calendar_entry *a; /* sorted: a[n-1] is the first event */
    size_t n;
    size_t cap;
} list_state;

static sim_status list_init(void *vs, size_t hint)
{
    list_state *l = vs;
    l->cap = hint < 16 ? 16 : hint;
    l->n = 0;
    l->a = sim_malloc_array(l->cap, sizeof *l->a);
    return l->a != NULL ? SIM_OK : SIM_ENOMEM;
}

static void list_fini(void *vs)
{
    list_state *l = vs;
    sim_free(l->a);
    l->a = NULL;
    l->n = l->cap = 0;
}

static sim_status list_insert(void *vs, sim_calendar_entry e)
{
    list_state *l = vs;
    if (l->n == l->cap) {
        size_t cap = l->cap * 2;
        sim_calendar_entry *a = sim_realloc_array(l->a, cap, sizeof *a);
        if (a == NULL)
            return SIM_ENOMEM;
        l->a = a;
        l->cap = cap;
    }
    /* Find the first position whose entry comes before e; e goes just before it. */
    size_t i = 0;
    while (i < l->n && !sim_calendar_entry_before(&l->a[i], &e))
        i++;
    memmove(&l->a[i + 1], &l->a[i], (l->n - i) * sizeof e);
    l->a[i] = e;
    l->n++;
    return SIM_OK;
}

static const sim_calendar_entry *list_peek(const void *vs)
{
    const list_state *l = vs;
    return l->n > 0 ? &l->a[l->n - 1] : NULL;
}

static int list_pop(void *vs, sim_calendar_entry *out)
{
    list_state *l = vs;
    if (l->n == 0)
        return 0;
    *out = l->a[--l->n];
    return 1;
}

static int list_remove(void *vs, uint32_t id)
{
    list_state *l = vs;
    for (size_t i = 0; i < l->n; i++) {
        if (sim_calendar_key_id(l->a[i].key) == id) {
            memmove(&l->a[i], &l->a[i + 1], (l->n - i - 1) * sizeof l->a[0]);
            l->n--;
            return 1;
        }
    }
    return 0;
}

static size_t list_size(const void *vs)
{
    return ((const list_state *)vs)->n;
}

static void list_clear(void *vs)
{
    ((list_state *)vs)->n = 0;
}

const sim_calendar_type sim_calendar_list = {
    "list", sizeof(list_state), list_init, list_fini, list_insert, list_peek,
    list_pop, list_remove, list_size, list_clear, sizeof(sim_calendar_entry),
};
