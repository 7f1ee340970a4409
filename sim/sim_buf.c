/* sim_buf.c -- see sim_buf.h. */
#include "sim_buf.h"

#include <string.h>

#include "sim_alloc.h"

void sim_buf_init(sim_buf *b)
{
    memset(b, 0, sizeof *b);
}

void sim_buf_fini(sim_buf *b)
{
    sim_free(b->data);
    memset(b, 0, sizeof *b);
}

void sim_buf_put_bytes(sim_buf *b, const void *p, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (n > SIZE_MAX - b->len) {
        b->failed = 1;
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap == 0 ? 256 : b->cap;
        while (cap < b->len + n)
            cap = cap > SIZE_MAX / 2 ? b->len + n : cap * 2;
        unsigned char *d = sim_realloc(b->data, cap);
        if (d == NULL) {
            b->failed = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void sim_buf_put_u64(sim_buf *b, uint64_t v)
{
    sim_buf_put_bytes(b, &v, sizeof v);
}

void sim_buf_put_f64(sim_buf *b, double v)
{
    sim_buf_put_bytes(b, &v, sizeof v);
}

sim_status sim_buf_status(const sim_buf *b)
{
    return b->failed ? SIM_ENOMEM : SIM_OK;
}

void sim_buf_reader_init(sim_buf_reader *r, const void *data, size_t len)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
    r->failed = 0;
}

void sim_buf_get_bytes(sim_buf_reader *r, void *p, size_t n)
{
    if (r->failed || n > r->len - r->pos) {
        r->failed = 1;
        memset(p, 0, n);
        return;
    }
    memcpy(p, r->data + r->pos, n);
    r->pos += n;
}

uint64_t sim_buf_get_u64(sim_buf_reader *r)
{
    uint64_t v;
    sim_buf_get_bytes(r, &v, sizeof v);
    return v;
}

double sim_buf_get_f64(sim_buf_reader *r)
{
    double v;
    sim_buf_get_bytes(r, &v, sizeof v);
    return v;
}
