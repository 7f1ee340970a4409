/* sim_error.c -- see sim_error.h. */
#include "sim_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sim_error_clear(sim_error *err)
{
    if (err == NULL)
        return;
    err->code = SIM_OK;
    err->line = 0;
    err->column = 0;
    err->path[0] = '\0';
    err->message[0] = '\0';
}

sim_status sim_error_set(sim_error *err, sim_status code, const char *path, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    snprintf(err->path, sizeof err->path, "%s", path != NULL ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void sim_error_set_location(sim_error *err, int line, int column)
{
    if (err == NULL)
        return;
    err->line = line;
    err->column = column;
}

const char *sim_status_name(sim_status code)
{
    switch (code) {
    case SIM_OK: return "ok";
    case SIM_EINVAL: return "invalid";
    case SIM_ENOMEM: return "no-memory";
    case SIM_EIO: return "io";
    case SIM_EPARSE: return "parse";
    case SIM_ERANGE: return "range";
    case SIM_ENOCONV: return "no-convergence";
    case SIM_ESTATE: return "state";
    case SIM_EINTR: return "interrupted";
    case SIM_ELIMIT: return "limit";
    }
    return "unknown";
}

char *sim_error_format(const sim_error *err, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (err == NULL || err->code == SIM_OK) {
        snprintf(buf, n, "ok");
        return buf;
    }
    int used = 0;
    if (err->path[0] != '\0')
        used = snprintf(buf, n, "%s: ", err->path);
    if (used < 0 || (size_t)used >= n)
        return buf;
    int more = snprintf(buf + used, n - (size_t)used, "%s", err->message);
    if (more < 0)
        return buf;
    used += more;
    if (err->line > 0 && (size_t)used < n)
        snprintf(buf + used, n - (size_t)used, " (line %d, column %d)", err->line, err->column);
    return buf;
}
