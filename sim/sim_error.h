/* sim_error.h -- status codes and the error context every fallible call fills.
 *
 * Library code never exits, aborts or prints on bad input: it returns a sim_status and, when
 * the caller passed a sim_error, writes what went wrong there (a message naming the field, the
 * JSON path or option, and a line/column when known). Only the command (cli/) turns a
 * status into an exit code. A broken internal invariant is not an error but an assertion
 * (sim_assert.h).
 */
#ifndef SIM_ERROR_H
#define SIM_ERROR_H

#include <stddef.h>

typedef enum sim_status {
    SIM_OK = 0,        /* success */
    SIM_EINVAL = 1,    /* an argument or input value is invalid (names the field) */
    SIM_ENOMEM = 2,    /* an allocation failed */
    SIM_EIO = 3,       /* a file could not be read or written */
    SIM_EPARSE = 4,    /* input could not be parsed (syntax), line and column set */
    SIM_ERANGE = 5,    /* a value is outside what can be represented or computed */
    SIM_ENOCONV = 6,   /* a numerical method did not converge */
    SIM_ESTATE = 7,    /* the call is not valid in the object's current state */
    SIM_EINTR = 8,     /* interrupted by the user (Ctrl-C) */
    SIM_ELIMIT = 9     /* refused: the request would exceed a resource limit */
} sim_status;

#define SIM_ERROR_PATH_MAX 160
#define SIM_ERROR_MESSAGE_MAX 320

typedef struct sim_error {
    sim_status code;
    int line;   /* 1-based line in the input file, 0 when not known */
    int column; /* 1-based column, 0 when not known */
    char path[SIM_ERROR_PATH_MAX];       /* JSON path, option or field; "" when none */
    char message[SIM_ERROR_MESSAGE_MAX]; /* what was wrong and what was expected */
} sim_error;

/* Reset err to SIM_OK with empty strings. err may be NULL (no-op). */
void sim_error_clear(sim_error *err);

/* Record an error and return code, so a caller can write `return sim_error_set(...)`.
 * err may be NULL (the code is still returned). path may be NULL. The message is formatted
 * with printf rules and truncated to fit. Line and column are left as they were. */
sim_status sim_error_set(sim_error *err, sim_status code, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Set the location of the error already recorded in err (no-op when err is NULL). */
void sim_error_set_location(sim_error *err, int line, int column);

/* A short, stable name for a status ("ok", "invalid", "no-memory", ...). */
const char *sim_status_name(sim_status code);

/* Format err as one line, "path: message (line L, column C)", into buf of size n.
 * Returns buf. */
char *sim_error_format(const sim_error *err, char *buf, size_t n);

#endif /* SIM_ERROR_H */
