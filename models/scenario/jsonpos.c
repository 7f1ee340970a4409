/* jsonpos.c -- see jsonpos.h. A tiny JSON skipper: it trusts nothing and allocates nothing. */
#include "jsonpos.h"

#include <string.h>

/* The four hexadecimal digits of a \\u escape at t[at..at+3] into *code; 0 when any is not a
 * hexadecimal digit or the text ends first. */
static int jsonpos_hex4(const char *t, size_t len, size_t at, unsigned *code)
{
    unsigned v = 0;
    for (size_t k = 0; k < 4; k++) {
        char h = at + k < len ? t[at + k] : '\0';
        unsigned d;
        if (h >= '0' && h <= '9')
            d = (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f')
            d = (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F')
            d = (unsigned)(h - 'A' + 10);
        else
            return 0;
        v = v * 16 + d;
    }
    *code = v;
    return 1;
}

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* t[i] is '"': return the index just past the closing quote, or len when unterminated. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    i++;
    while (i < len) {
        if (t[i] == '\\')
            i += 2;
        else if (t[i] == '"')
            return i + 1;
        else
            i++;
    }
    return len;
}

/* Skip one value starting at i (after whitespace). Containers are skipped by counting
 * brackets outside strings, iteratively, so depth costs no stack. Returns the index just past
 * the value, or len on malformed text. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    i = skip_ws(t, len, i);
    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] == '{' || t[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            char c = t[i];
            if (c == '"') {
                i = skip_string(t, len, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0)
                    return i + 1;
            }
            i++;
        }
        return len;
    }
    /* number or literal */
    while (i < len && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n'
           && t[i] != '\r' && t[i] != '\t')
        i++;
    return i;
}

/* Validate a string starting at t[i] == '"'. Returns the index past the closing quote, or
 * (size_t)-1 with *bad set at the offending byte. */
static size_t check_string(const char *t, size_t len, size_t i, size_t *bad, const char **why)
{
    size_t open = i++;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if (c == '"')
            return i + 1;
        if (c < 0x20) {
            *bad = i;
            *why = "control character in a string (write it as an escape)";
            return (size_t)-1;
        }
        if (c != '\\') {
            i++;
            continue;
        }
        if (i + 1 >= len)
            break;
        char e = t[i + 1];
        if (e == 'u') {
            unsigned code = 0;
            if (!jsonpos_hex4(t, len, i + 2, &code)) {
                *bad = i;
                *why = "\\u must be followed by four hexadecimal digits";
                return (size_t)-1;
            }
            if (code == 0) {
                /* cJSON would cut the C string there and a name "a\u0000b" would load as
                 * "a": refuse it rather than silently read something else. */
                *bad = i;
                *why = "\\u0000 (a NUL character) is not allowed in strings";
                return (size_t)-1;
            }
            if (code >= 0xDC00 && code <= 0xDFFF) {
                *bad = i;
                *why = "lone low surrogate in \\u escape";
                return (size_t)-1;
            }
            if (code >= 0xD800 && code <= 0xDBFF) {
                /* a high surrogate must be followed by \\u and a low surrogate */
                unsigned low = 0;
                int ok = i + 11 < len && t[i + 6] == '\\' && t[i + 7] == 'u' &&
                         jsonpos_hex4(t, len, i + 8, &low);
                if (!ok || low < 0xDC00 || low > 0xDFFF) {
                    *bad = i;
                    *why = "high surrogate in \\u escape without a low surrogate";
                    return (size_t)-1;
                }
                i += 12;
                continue;
            }
            i += 6;
            continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r'
            && e != 't') {
            *bad = i;
            *why = "invalid escape in a string";
            return (size_t)-1;
        }
        i += 2;
    }
    *bad = open;
    *why = "unterminated string";
    return (size_t)-1;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Validate a number or literal at t[i]; return the index past it or (size_t)-1. */
static size_t check_scalar(const char *t, size_t len, size_t i)
{
    static const char *const literals[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(literals[k]);
        if (i + n <= len && memcmp(t + i, literals[k], n) == 0)
            return i + n;
    }
    size_t j = i;
    if (j < len && t[j] == '-')
        j++;
    if (j >= len || !is_digit(t[j]))
        return (size_t)-1;
    if (t[j] == '0')
        j++;
    else
        while (j < len && is_digit(t[j]))
            j++;
    if (j < len && t[j] == '.') {
        j++;
        if (j >= len || !is_digit(t[j]))
            return (size_t)-1;
        while (j < len && is_digit(t[j]))
            j++;
    }
    if (j < len && (t[j] == 'e' || t[j] == 'E')) {
        j++;
        if (j < len && (t[j] == '+' || t[j] == '-'))
            j++;
        if (j >= len || !is_digit(t[j]))
            return (size_t)-1;
        while (j < len && is_digit(t[j]))
            j++;
    }
    return j;
}

int jsonpos_check(const char *text, size_t len, size_t max_depth, size_t max_values,
                  size_t *err_offset, char *msg, size_t msg_n)
{
    char stack[JSONPOS_MAX_DEPTH];
    size_t depth = 0, values = 0, i = 0, bad = 0;
    const char *why = NULL;
    int rc = 1;
    if (max_depth > JSONPOS_MAX_DEPTH)
        max_depth = JSONPOS_MAX_DEPTH;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    i = skip_ws(text, len, i);
    if (i >= len) {
        bad = i;
        why = "empty document (expected a JSON value)";
        goto fail;
    }
    for (;;) {
        /* expect a value at i */
        if (i >= len) {
            bad = i;
            why = "unexpected end of file (expected a value)";
            goto fail;
        }
        char c = text[i];
        if (c == '{' || c == '[') {
            if (depth >= max_depth) {
                bad = i;
                why = "nesting too deep";
                rc = 2;
                goto fail;
            }
            stack[depth++] = c;
            i = skip_ws(text, len, i + 1);
            if (i < len && text[i] == (c == '{' ? '}' : ']')) {
                depth--;
                i++;
                goto after_value;
            }
            if (c == '{')
                goto expect_key;
            continue;
        }
        if (c == '"') {
            size_t j = check_string(text, len, i, &bad, &why);
            if (j == (size_t)-1)
                goto fail;
            i = j;
            goto after_value;
        }
        {
            size_t j = check_scalar(text, len, i);
            if (j == (size_t)-1) {
                bad = i;
                why = "expected a value (object, array, string, number, true, false or null)";
                goto fail;
            }
            i = j;
        }
    after_value:
        if (++values > max_values) {
            bad = i;
            why = "too many values";
            rc = 2;
            goto fail;
        }
        i = skip_ws(text, len, i);
        if (depth == 0)
            break;
        if (i >= len) {
            bad = i;
            why = stack[depth - 1] == '{' ? "unexpected end of file (expected ',' or '}')"
                                          : "unexpected end of file (expected ',' or ']')";
            goto fail;
        }
        if (text[i] == ',') {
            i = skip_ws(text, len, i + 1);
            if (stack[depth - 1] == '{')
                goto expect_key;
            continue;
        }
        if (text[i] == (stack[depth - 1] == '{' ? '}' : ']')) {
            depth--;
            i++;
            goto after_value;
        }
        bad = i;
        why = stack[depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'";
        goto fail;
    expect_key:
        if (i >= len || text[i] != '"') {
            bad = i;
            why = "expected a field name in double quotes";
            goto fail;
        }
        {
            size_t j = check_string(text, len, i, &bad, &why);
            if (j == (size_t)-1)
                goto fail;
            i = skip_ws(text, len, j);
        }
        if (i >= len || text[i] != ':') {
            bad = i;
            why = "expected ':' after a field name";
            goto fail;
        }
        i = skip_ws(text, len, i + 1);
    }
    if (i < len) {
        bad = i;
        why = "unexpected text after the end of the document";
        goto fail;
    }
    return 0;
fail:
    if (err_offset != NULL)
        *err_offset = bad;
    if (msg != NULL && msg_n > 0) {
        size_t n = strlen(why);
        if (n >= msg_n)
            n = msg_n - 1;
        memcpy(msg, why, n);
        msg[n] = '\0';
    }
    return rc;
}

/* Compare the JSON string key starting at t[i] == '"' with seg[0..n) (raw bytes; keys with
 * escapes simply do not match, which only makes a position less precise). */
static int key_equals(const char *t, size_t len, size_t i, const char *seg, size_t n)
{
    if (i + 1 + n + 1 > len)
        return 0;
    return memcmp(t + i + 1, seg, n) == 0 && t[i + 1 + n] == '"';
}

int jsonpos_find(const char *text, size_t len, const char *path, size_t *offset)
{
    size_t i = skip_ws(text, len, 0);
    if (i >= len)
        return -1;
    size_t best = i;
    int matched = 0;
    const char *p = path != NULL ? path : "";
    while (*p != '\0') {
        if (*p == '.')
            p++;
        if (*p == '[') {
            /* array index */
            size_t idx = 0;
            p++;
            while (*p >= '0' && *p <= '9') {
                if (idx > (size_t)1 << 40)
                    goto done;
                idx = idx * 10 + (size_t)(*p - '0');
                p++;
            }
            if (*p != ']')
                goto done;
            p++;
            if (i >= len || text[i] != '[')
                goto done;
            i = skip_ws(text, len, i + 1);
            for (size_t k = 0; k < idx; k++) {
                i = skip_value(text, len, i);
                i = skip_ws(text, len, i);
                if (i >= len || text[i] != ',')
                    goto done;
                i = skip_ws(text, len, i + 1);
            }
            if (i >= len || text[i] == ']')
                goto done;
            best = i;
            matched++;
            continue;
        }
        /* object key: up to the next '.' or '[' */
        const char *seg = p;
        while (*p != '\0' && *p != '.' && *p != '[')
            p++;
        size_t n = (size_t)(p - seg);
        if (i >= len || text[i] != '{')
            goto done;
        i = skip_ws(text, len, i + 1);
        int found = 0;
        while (i < len && text[i] == '"') {
            size_t key_at = i;
            int eq = key_equals(text, len, i, seg, n);
            i = skip_string(text, len, i);
            i = skip_ws(text, len, i);
            if (i >= len || text[i] != ':')
                goto done;
            i = skip_ws(text, len, i + 1);
            if (eq) {
                best = key_at;
                found = 1;
                break;
            }
            i = skip_value(text, len, i);
            i = skip_ws(text, len, i);
            if (i < len && text[i] == ',')
                i = skip_ws(text, len, i + 1);
            else
                break;
        }
        if (!found)
            goto done;
        matched++;
    }
done:
    if (offset != NULL)
        *offset = best;
    return matched;
}

void jsonpos_line_col(const char *text, size_t len, size_t offset, int *line, int *column)
{
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {
            c++;
        }
        if (l == 0x7fffffff)
            break;
    }
    if (line != NULL)
        *line = l;
    if (column != NULL)
        *column = c;
}
