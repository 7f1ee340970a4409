/* out_money.c -- see out_money.h. printf has no portable grouping (the ' flag is POSIX and
 * depends on the locale, which the commands leave at "C"), hence the digits are grouped by
 * hand. */
#include "out_money.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *out_money_eur(double x, int decimals, char *buf, size_t n)
{
    if (n == 0)
        return buf;
    if (!isfinite(x)) {
        snprintf(buf, n, "-");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 2)
        decimals = 2;
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(x));
    const char *dot = strchr(digits, '.');
    size_t nint = dot != NULL ? (size_t)(dot - digits) : strlen(digits);
    /* "-0" and "-0.00" are written without the sign */
    int zero = strspn(digits, "0.") == strlen(digits);
    char out[512];
    size_t o = 0;
    if (x < 0 && !zero)
        out[o++] = '-';
    for (size_t i = 0; i < nint && o + 2 < sizeof out; i++) {
        if (i > 0 && (nint - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, n, "%s%s", out, dot != NULL ? dot : "");
    return buf;
}

int out_money_is_eur_kpi(const char *name, int *decimals)
{
    size_t len = strlen(name);
    if (len < 4 || strcmp(name + len - 4, "_eur") != 0)
        return 0;
    *decimals = strstr(name, "per_") != NULL ? 2 : 0;
    return 1;
}
