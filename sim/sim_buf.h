/* sim_buf.h -- a growable byte buffer for packing results (replications sent between MPI
 * ranks) and reading them back with bounds checks.
 *
 * Values are stored in the machine's native byte order: packed buffers only travel between
 * ranks of one MPI job, which run the same binary. Reading past the end never touches memory
 * outside the buffer: it sets the reader's `failed` flag and returns zeros.
 */
#ifndef SIM_BUF_H
#define SIM_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"

typedef struct sim_buf {
    unsigned char *data; /* owned */
    size_t len;
    size_t cap;
    int failed;          /* an allocation failed: every later put is a no-op */
} sim_buf;

typedef struct sim_buf_reader {
    const unsigned char *data; /* borrowed */
    size_t len;
    size_t pos;
    int failed;                /* a read went past the end */
} sim_buf_reader;

void sim_buf_init(sim_buf *b);
void sim_buf_fini(sim_buf *b);
void sim_buf_put_bytes(sim_buf *b, const void *p, size_t n);
void sim_buf_put_u64(sim_buf *b, uint64_t v);
void sim_buf_put_f64(sim_buf *b, double v);
/* SIM_OK, or SIM_ENOMEM when any put failed. */
sim_status sim_buf_status(const sim_buf *b);

void sim_buf_reader_init(sim_buf_reader *r, const void *data, size_t len);
void sim_buf_get_bytes(sim_buf_reader *r, void *p, size_t n);
uint64_t sim_buf_get_u64(sim_buf_reader *r);
double sim_buf_get_f64(sim_buf_reader *r);

#endif /* SIM_BUF_H */
