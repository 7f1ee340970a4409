/* out_rows.c -- see out_rows.h.
 *
 * The JSON side builds a cJSON tree; numbers become raw items holding the CSV's digits
 * (cJSON_CreateNumber would print up to 17 digits, so a JSON file would disagree with its
 * CSV twin in the last places), counts raw integers (exact beyond 2^53). The CSV and text
 * sides print straight to the stream.
 */
#include "out_rows.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sim_alloc.h"
#include "sim_assert.h"

#define OUT_ROWS_NAME_MAX 256

/* ---- values -------------------------------------------------------------------------- */

static int is_scalar(out_rows_kind k)
{
    return k == OUT_ROWS_NUM || k == OUT_ROWS_COUNT || k == OUT_ROWS_INT ||
           k == OUT_ROWS_TEXT || k == OUT_ROWS_NUMTEXT || k == OUT_ROWS_BOOL;
}

static int in_csv(const out_rows_field *f)
{
    return !(f->flags & (OUT_ROWS_JSON_ONLY | OUT_ROWS_LIST)) &&
           (is_scalar(f->kind) || f->kind == OUT_ROWS_CI || f->kind == OUT_ROWS_GROUP);
}

static int in_json(const out_rows_field *f)
{
    return !(f->flags & OUT_ROWS_CSV_ONLY);
}

static const char *json_key(const out_rows_field *f)
{
    return f->json_name != NULL ? f->json_name : f->name;
}

/* An unsigned or signed integer of `width` bytes at p (memcpy: p need not be aligned for the
 * wider types, and the member's own type is known only by its size and the kind). */
static unsigned long long at_unsigned(const unsigned char *p, unsigned width)
{
    switch (width) {
    case 1: return *p;
    case 2: { unsigned short x; memcpy(&x, p, sizeof x); return x; }
    case sizeof(unsigned): { unsigned x; memcpy(&x, p, sizeof x); return x; }
    default: { unsigned long long x; memcpy(&x, p, sizeof x); return x; }
    }
}

static long long at_signed(const unsigned char *p, unsigned width)
{
    switch (width) {
    case 1: { signed char x; memcpy(&x, p, sizeof x); return x; }
    case 2: { short x; memcpy(&x, p, sizeof x); return x; }
    case sizeof(int): { int x; memcpy(&x, p, sizeof x); return x; }
    default: { long long x; memcpy(&x, p, sizeof x); return x; }
    }
}

const void *out_rows_ctx(const out_rows_cursor *c)
{
    return c->ctx;
}

/* The member of a field without a getter (see "Members" in out_rows.h). */
static void get_member(const out_rows_field *f, const out_rows_cursor *c, out_rows_value *v)
{
    const unsigned char *p = (const unsigned char *)f->row(c) + f->at;
    switch (f->kind) {
    case OUT_ROWS_NUM: memcpy(&v->num, p, sizeof v->num); break;
    case OUT_ROWS_COUNT: v->count = at_unsigned(p, f->width); break;
    case OUT_ROWS_INT: v->integer = at_signed(p, f->width); break;
    case OUT_ROWS_BOOL: memcpy(&v->flag, p, sizeof v->flag); break;
    case OUT_ROWS_CI: memcpy(&v->ci, p, sizeof v->ci); break;
    case OUT_ROWS_TEXT:
    case OUT_ROWS_NUMTEXT:
        if (f->width == 1)
            v->text = (const char *)p;
        else
            memcpy(&v->text, p, sizeof v->text);
        break;
    default: SIM_ASSERT(0, "not a member kind");
    }
}

static void get(const out_rows_field *f, const out_rows_cursor *c, out_rows_value *v)
{
    memset(v, 0, offsetof(out_rows_value, buf));
    v->buf[0] = '\0';
    v->num = NAN;
    v->ci.mean = v->ci.lo = v->ci.hi = v->ci.half_width = NAN;
    if (f->get != NULL)
        f->get(c, v);
    else
        get_member(f, c, v);
}

/* "expected_mix.<channel>" with key "phone" -> "expected_mix.phone". */
static const char *expand(const char *tmpl, const char *placeholder, const char *key, char *buf,
                          size_t n)
{
    const char *at = placeholder != NULL ? strstr(tmpl, placeholder) : NULL;
    if (at == NULL) {
        snprintf(buf, n, "%s", tmpl);
        return buf;
    }
    snprintf(buf, n, "%.*s%s%s", (int)(at - tmpl), tmpl, key, at + strlen(placeholder));
    return buf;
}

/* ---- CSV ----------------------------------------------------------------------------- */

void out_rows_csv_text(FILE *fp, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void csv_num(FILE *fp, double x)
{
    if (isfinite(x))
        fprintf(fp, "%.10g", x);
}

/* One column separator before every column but the first of a line. */
static void csv_sep(FILE *fp, int *first)
{
    if (!*first)
        fputc(',', fp);
    *first = 0;
}

static void csv_names(FILE *fp, const out_rows_field *f, const char *name, int *first)
{
    if (f->kind != OUT_ROWS_CI) {
        csv_sep(fp, first);
        out_rows_csv_text(fp, name);
        return;
    }
    char base[OUT_ROWS_NAME_MAX];
    snprintf(base, sizeof base, "%s", name);
    csv_sep(fp, first);
    fprintf(fp, (f->flags & OUT_ROWS_MEAN_SUFFIX) ? "%s_mean" : "%s", base);
    csv_sep(fp, first);
    fprintf(fp, "%s_lo", base);
    csv_sep(fp, first);
    fprintf(fp, "%s_hi", base);
}

static void csv_value(FILE *fp, const out_rows_field *f, const out_rows_cursor *c, int *first)
{
    csv_sep(fp, first);
    if (f->has != NULL && !f->has(c)) {
        if (f->kind == OUT_ROWS_CI)
            fputs(",,", fp);
        return;
    }
    out_rows_value v;
    get(f, c, &v);
    switch (f->kind) {
    case OUT_ROWS_NUM: csv_num(fp, v.num); break;
    case OUT_ROWS_COUNT: fprintf(fp, "%llu", v.count); break;
    case OUT_ROWS_INT: fprintf(fp, "%lld", v.integer); break;
    case OUT_ROWS_TEXT:
    case OUT_ROWS_NUMTEXT: out_rows_csv_text(fp, v.text); break;
    case OUT_ROWS_BOOL: fputc(v.flag ? '1' : '0', fp); break;
    case OUT_ROWS_CI:
        csv_num(fp, v.ci.mean);
        fputc(',', fp);
        csv_num(fp, v.ci.lo);
        fputc(',', fp);
        csv_num(fp, v.ci.hi);
        break;
    default: SIM_ASSERT(0, "not a CSV kind");
    }
}

/* The header (row == OUT_ROWS_HEADER) or one row of fields. */
static void csv_line(FILE *fp, const out_rows_table *t, const out_rows_cursor *c)
{
    int first = 1;
    for (size_t i = 0; i < t->n_fields; i++) {
        const out_rows_field *f = &t->fields[i];
        if (!in_csv(f))
            continue;
        if (f->kind != OUT_ROWS_GROUP) {
            if (c->row == OUT_ROWS_HEADER)
                csv_names(fp, f, f->name, &first);
            else
                csv_value(fp, f, c, &first);
            continue;
        }
        out_rows_cursor gc = *c;
        size_t n = f->count(c);
        for (gc.item = 0; gc.item < n; gc.item++) {
            for (size_t s = 0; s < f->n_sub; s++) {
                const out_rows_field *sf = &f->sub[s];
                if (!in_csv(sf))
                    continue;
                if (c->row == OUT_ROWS_HEADER) {
                    char name[OUT_ROWS_NAME_MAX];
                    csv_names(fp, sf, expand(sf->name, f->placeholder, f->key(&gc), name,
                                             sizeof name),
                              &first);
                } else {
                    csv_value(fp, sf, &gc, &first);
                }
            }
        }
    }
    fputc('\n', fp);
}

int out_rows_csv(FILE *fp, const out_rows_table *t, const void *ctx)
{
    out_rows_cursor c = {ctx, OUT_ROWS_HEADER, 0, NULL};
    csv_line(fp, t, &c);
    size_t n = t->n_rows != NULL ? t->n_rows(ctx, NULL) : 1;
    for (c.row = 0; c.row < n && !ferror(fp); c.row++)
        csv_line(fp, t, &c);
    return ferror(fp) ? -1 : 0;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static cJSON *raw(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static cJSON *raw(const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return cJSON_CreateRaw(buf);
}

static cJSON *json_num(double x, unsigned opts)
{
    if (!isfinite(x))
        return cJSON_CreateNull();
    if (opts & OUT_ROWS_NATIVE)
        return cJSON_CreateNumber(x);
    return raw("%.10g", x);
}

/* Add item under key; 0 when item is NULL (out of memory). A key is added once per object
 * (out_rows_check proves it for the fixed names; debug builds check every key). */
static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return 0;
    if (cJSON_IsArray(obj))
        return cJSON_AddItemToArray(obj, item) ? 1 : (cJSON_Delete(item), 0);
    SIM_ASSERT_DEBUG(cJSON_GetObjectItemCaseSensitive(obj, key) == NULL, "a JSON key twice");
    if (!cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        return 0;
    }
    return 1;
}

static cJSON *json_ci(const out_rows_field *f, const sim_ci *ci, unsigned opts)
{
    cJSON *o = cJSON_CreateObject();
    int ok = o != NULL && add(o, "mean", json_num(ci->mean, opts));
    if (ok && (f->flags & OUT_ROWS_CI_LO))
        ok = add(o, "lo", json_num(ci->lo, opts));
    if (ok && (f->flags & OUT_ROWS_CI_HI))
        ok = add(o, "hi", json_num(ci->hi, opts));
    if (ok && (f->flags & OUT_ROWS_CI_HALF_WIDTH))
        ok = add(o, "half_width", json_num(ci->half_width, opts));
    if (ok && (f->flags & OUT_ROWS_CI_N))
        ok = add(o, "n", raw("%llu", (unsigned long long)ci->n));
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* One value of a scalar or CI field. */
static cJSON *json_value(const out_rows_field *f, const out_rows_cursor *c, unsigned opts)
{
    out_rows_value v;
    get(f, c, &v);
    switch (f->kind) {
    case OUT_ROWS_NUM: return json_num(v.num, opts);
    /* Exact in both modes: a double would round a seed above 2^53, and cJSON prints an
     * integral double above 10^15 with an exponent. */
    case OUT_ROWS_COUNT: return raw("%llu", v.count);
    case OUT_ROWS_INT: return raw("%lld", v.integer);
    case OUT_ROWS_TEXT: return v.text != NULL ? cJSON_CreateString(v.text) : cJSON_CreateNull();
    case OUT_ROWS_NUMTEXT:
        return v.text != NULL && v.text[0] != '\0' ? cJSON_CreateRaw(v.text) : cJSON_CreateNull();
    case OUT_ROWS_BOOL: return cJSON_CreateBool(v.flag);
    case OUT_ROWS_CI: return json_ci(f, &v.ci, opts);
    default: SIM_ASSERT(0, "not a value kind"); return NULL;
    }
}

static cJSON *json_object(const out_rows_table *t, const out_rows_cursor *c, unsigned opts);

static cJSON *json_array(const out_rows_table *t, size_t n, const out_rows_cursor *parent,
                         unsigned opts, const void *ctx)
{
    cJSON *a = cJSON_CreateArray();
    out_rows_cursor rc = {ctx, 0, 0, parent};
    for (; a != NULL && rc.row < n; rc.row++) {
        if (!add(a, NULL, json_object(t, &rc, opts))) {
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

static cJSON *json_item(const out_rows_field *f, const out_rows_cursor *c, unsigned opts);
static int json_field(cJSON *obj, const out_rows_field *f, const out_rows_cursor *c,
                      unsigned opts);

/* The JSON array of a LIST field: its count() values. NULL when out of memory. */
static cJSON *json_list(const out_rows_field *f, const out_rows_cursor *c, unsigned opts)
{
    cJSON *a = cJSON_CreateArray();
    out_rows_cursor lc = *c;
    size_t n = f->count(c);
    for (lc.item = 0; a != NULL && lc.item < n; lc.item++) {
        if (!add(a, NULL, json_value(f, &lc, opts))) {
            cJSON_Delete(a);
            a = NULL;
        }
    }
    return a;
}

/* The object of a GROUP field: one member per item, its value or its object of sub-fields. */
static cJSON *json_group(const out_rows_field *f, const out_rows_cursor *c, unsigned opts)
{
    cJSON *g = cJSON_CreateObject();
    out_rows_cursor gc = *c;
    size_t n = f->count(c);
    int ok = g != NULL;
    for (gc.item = 0; ok && gc.item < n; gc.item++) {
        const char *key = f->key(&gc);
        if (f->n_sub == 1 && f->sub[0].json_name == NULL) {
            if (f->sub[0].has == NULL || f->sub[0].has(&gc))
                ok = add(g, key, json_item(&f->sub[0], &gc, opts));
            continue;
        }
        cJSON *io = cJSON_CreateObject();
        ok = add(g, key, io);
        for (size_t s = 0; ok && s < f->n_sub; s++)
            ok = json_field(io, &f->sub[s], &gc, opts);
    }
    if (!ok) {
        cJSON_Delete(g);
        return NULL;
    }
    return g;
}

/* The JSON value of any field but a SERIES (which adds several members). */
static cJSON *json_item(const out_rows_field *f, const out_rows_cursor *c, unsigned opts)
{
    if (f->flags & OUT_ROWS_LIST)
        return json_list(f, c, opts);
    switch (f->kind) {
    case OUT_ROWS_GROUP: return json_group(f, c, opts);
    case OUT_ROWS_OBJECT: {
        out_rows_cursor oc = {c->ctx, 0, 0, c};
        return json_object(f->table, &oc, opts);
    }
    case OUT_ROWS_TABLE: {
        size_t n = f->count != NULL ? f->count(c) : f->table->n_rows(c->ctx, c);
        return json_array(f->table, n, c, opts, c->ctx);
    }
    default: return json_value(f, c, opts);
    }
}

/* Add field f of the row at c to obj. 0 when out of memory. */
static int json_field(cJSON *obj, const out_rows_field *f, const out_rows_cursor *c,
                      unsigned opts)
{
    if (!in_json(f) || (f->has != NULL && !f->has(c)))
        return 1;
    if (f->kind != OUT_ROWS_SERIES)
        return add(obj, json_key(f), json_item(f, c, opts));
    /* The rows of the sub-table are its own (top-level) rows: parent NULL. */
    const out_rows_table *st = f->table;
    size_t n = f->count(c);
    for (size_t s = 0; s < st->n_fields; s++) {
        const out_rows_field *sf = &st->fields[s];
        if (!in_json(sf))
            continue;
        SIM_ASSERT(is_scalar(sf->kind) && !(sf->flags & OUT_ROWS_LIST), "a series of scalars");
        cJSON *a = cJSON_CreateArray();
        out_rows_cursor ic = *c;
        for (ic.item = 0; a != NULL && ic.item < n; ic.item++) {
            out_rows_cursor rc = {c->ctx, f->series_row(&ic), 0, NULL};
            if (!add(a, NULL, json_value(sf, &rc, opts))) {
                cJSON_Delete(a);
                a = NULL;
            }
        }
        if (!add(obj, json_key(sf), a))
            return 0;
    }
    return 1;
}

static cJSON *json_object(const out_rows_table *t, const out_rows_cursor *c, unsigned opts)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o != NULL && i < t->n_fields; i++) {
        if (!json_field(o, &t->fields[i], c, opts)) {
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

cJSON *out_rows_json(const out_rows_table *t, const void *ctx, unsigned opts)
{
    if (t->n_rows == NULL) {
        out_rows_cursor c = {ctx, 0, 0, NULL};
        return json_object(t, &c, opts);
    }
    return json_array(t, t->n_rows(ctx, NULL), NULL, opts, ctx);
}

int out_rows_json_print(FILE *fp, const cJSON *doc, int formatted)
{
    char *text = formatted ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
    if (text == NULL)
        return -1;
    fputs(text, fp);
    fputc('\n', fp);
    cJSON_free(text);
    return ferror(fp) ? -1 : 0;
}

int out_rows_json_write(FILE *fp, const out_rows_table *t, const void *ctx, unsigned opts)
{
    cJSON *doc = out_rows_json(t, ctx, opts);
    int rc = doc != NULL ? out_rows_json_print(fp, doc, 1) : -1;
    cJSON_Delete(doc);
    return rc;
}

/* ---- text ---------------------------------------------------------------------------- */

static void text_sep(FILE *fp, const out_rows_text *t, size_t i)
{
    const char *sep = t->cols[i].sep;
    if (sep == NULL)
        sep = i > 0 ? " " : "";
    fputs(sep, fp);
}

int out_rows_text_header(FILE *fp, const out_rows_text *t)
{
    if (t->indent != NULL)
        fputs(t->indent, fp);
    for (size_t i = 0; i < t->n_cols; i++) {
        text_sep(fp, t, i);
        fprintf(fp, "%*s", t->cols[i].width, t->cols[i].header);
    }
    fputc('\n', fp);
    return ferror(fp) ? -1 : 0;
}

int out_rows_text_row(FILE *fp, const out_rows_text *t, const out_rows_cursor *c)
{
    if (t->indent != NULL)
        fputs(t->indent, fp);
    for (size_t i = 0; i < t->n_cols; i++) {
        const out_rows_col *col = &t->cols[i];
        out_rows_field f = {.get = col->get};
        out_rows_value v;
        get(&f, c, &v);
        text_sep(fp, t, i);
        switch (col->conv) {
        case 'f': fprintf(fp, "%*.*f", col->width, col->precision, v.num); break;
        case 'g': fprintf(fp, "%*.*g", col->width, col->precision, v.num); break;
        case 'u': fprintf(fp, "%*llu", col->width, v.count); break;
        case 'd': fprintf(fp, "%*lld", col->width, v.integer); break;
        case 's': fprintf(fp, "%*s", col->width, v.text != NULL ? v.text : ""); break;
        default: SIM_ASSERT(0, "unknown conversion");
        }
    }
    fputc('\n', fp);
    return ferror(fp) ? -1 : 0;
}

/* ---- checks and docs ----------------------------------------------------------------- */

/* The names already seen in one CSV header or one JSON object, each a base and a suffix
 * (a CI's columns are its name with "", "_mean", "_lo", "_hi"). */
typedef struct name_set {
    const char *names[512];
    const char *suffix[512];
    size_t n;
} name_set;

/* Whether a + b spells the same name as c + d. */
static int same_name(const char *a, const char *b, const char *c, const char *d)
{
    for (;;) {
        if (*a == '\0' && *b != '\0') {
            a = b;
            b = "";
        }
        if (*c == '\0' && *d != '\0') {
            c = d;
            d = "";
        }
        if (*a != *c)
            return 0;
        if (*a == '\0')
            return 1;
        a++;
        c++;
    }
}

/* 0 when name + suffix is in s already (or s is full: a table that wide is not checked, so
 * refused). */
static int name_add_suffix(name_set *s, const char *name, const char *suffix)
{
    for (size_t i = 0; i < s->n; i++)
        if (same_name(s->names[i], s->suffix[i], name, suffix))
            return 0;
    if (s->n == sizeof s->names / sizeof s->names[0])
        return 0;
    s->names[s->n] = name;
    s->suffix[s->n++] = suffix;
    return 1;
}

static int name_add(name_set *s, const char *name)
{
    return name_add_suffix(s, name, "");
}

/* The CSV columns of f (csv_names writes them): a CI's three, else its name. */
static int csv_add(name_set *s, const out_rows_field *f)
{
    if (f->kind != OUT_ROWS_CI)
        return name_add(s, f->name);
    return name_add_suffix(s, f->name, (f->flags & OUT_ROWS_MEAN_SUFFIX) ? "_mean" : "") &&
           name_add_suffix(s, f->name, "_lo") && name_add_suffix(s, f->name, "_hi");
}

static sim_status check_fields(const out_rows_table *t, const out_rows_field *fields, size_t n,
                               int in_group, name_set *csv, sim_error *err);

static sim_status check_field(const out_rows_table *t, const out_rows_field *f, int in_group,
                              name_set *csv, name_set *json, sim_error *err)
{
    const char *nm = f->name != NULL ? f->name : "(unnamed)";
    if (f->name == NULL || f->unit == NULL || f->doc == NULL || f->doc[0] == '\0')
        return sim_error_set(err, SIM_EINVAL, t->name, "%s: field '%s' lacks a name, unit or doc",
                             t->name, nm);
    int needs_get = is_scalar(f->kind) || f->kind == OUT_ROWS_CI;
    int ok = !needs_get || f->get != NULL || f->row != NULL;
    if ((f->flags & OUT_ROWS_LIST) || f->kind == OUT_ROWS_SERIES || f->kind == OUT_ROWS_GROUP)
        ok = ok && f->count != NULL;
    if (f->kind == OUT_ROWS_GROUP)
        ok = ok && f->key != NULL && f->sub != NULL && f->n_sub > 0 && f->placeholder != NULL;
    if (f->kind == OUT_ROWS_OBJECT || f->kind == OUT_ROWS_TABLE || f->kind == OUT_ROWS_SERIES)
        ok = ok && f->table != NULL && (f->flags & OUT_ROWS_CSV_ONLY) == 0;
    if (f->kind == OUT_ROWS_SERIES)
        ok = ok && f->series_row != NULL;
    if (f->kind == OUT_ROWS_TABLE)
        ok = ok && (f->count != NULL || f->table->n_rows != NULL);
    if (in_group)
        ok = ok && (is_scalar(f->kind) || f->kind == OUT_ROWS_CI || f->kind == OUT_ROWS_TABLE);
    if (!ok)
        return sim_error_set(err, SIM_EINVAL, t->name,
                             "%s: field '%s' lacks what its kind needs", t->name, nm);
    if (in_csv(f) && f->kind != OUT_ROWS_GROUP && !csv_add(csv, f))
        return sim_error_set(err, SIM_EINVAL, t->name, "%s: CSV column '%s' twice", t->name,
                             nm);
    if (in_json(f) && f->kind != OUT_ROWS_SERIES && json != NULL && !name_add(json, json_key(f)))
        return sim_error_set(err, SIM_EINVAL, t->name, "%s: JSON key '%s' twice", t->name,
                             json_key(f));
    if (f->kind == OUT_ROWS_SERIES) {
        for (size_t s = 0; s < f->table->n_fields; s++) {
            const out_rows_field *sf = &f->table->fields[s];
            if (in_json(sf) && json != NULL && !name_add(json, json_key(sf)))
                return sim_error_set(err, SIM_EINVAL, t->name, "%s: JSON key '%s' twice",
                                     t->name, json_key(sf));
        }
    }
    if (f->kind == OUT_ROWS_GROUP) {
        /* The sub-fields' CSV templates join the table's columns; their JSON keys are one
         * object per item. */
        name_set sub_json = {.n = 0};
        size_t direct = 0;
        for (size_t s = 0; s < f->n_sub; s++) {
            const out_rows_field *sf = &f->sub[s];
            if (strstr(sf->name, f->placeholder) == NULL && in_csv(sf))
                return sim_error_set(err, SIM_EINVAL, t->name,
                                     "%s: group '%s': sub-field '%s' lacks the placeholder %s",
                                     t->name, nm, sf->name, f->placeholder);
            if (in_json(sf) && sf->json_name == NULL)
                direct++;
            else if (in_json(sf) && !name_add(&sub_json, sf->json_name))
                return sim_error_set(err, SIM_EINVAL, t->name, "%s: JSON key '%s' twice",
                                     t->name, sf->json_name);
        }
        if (direct > 1 || (direct == 1 && sub_json.n > 0))
            return sim_error_set(err, SIM_EINVAL, t->name,
                                 "%s: group '%s': a JSON item holds one value or named ones",
                                 t->name, nm);
        sim_status st = check_fields(t, f->sub, f->n_sub, 1, csv, err);
        if (st != SIM_OK)
            return st;
    }
    if (f->kind == OUT_ROWS_OBJECT || f->kind == OUT_ROWS_TABLE || f->kind == OUT_ROWS_SERIES) {
        sim_status st = out_rows_check(f->table, err);
        if (st != SIM_OK)
            return st;
    }
    return SIM_OK;
}

static sim_status check_fields(const out_rows_table *t, const out_rows_field *fields, size_t n,
                               int in_group, name_set *csv, sim_error *err)
{
    name_set json = {.n = 0};
    for (size_t i = 0; i < n; i++) {
        sim_status st = check_field(t, &fields[i], in_group, csv, in_group ? NULL : &json, err);
        if (st != SIM_OK)
            return st;
    }
    return SIM_OK;
}

sim_status out_rows_check(const out_rows_table *t, sim_error *err)
{
    if (t->name == NULL || t->fields == NULL || t->n_fields == 0)
        return sim_error_set(err, SIM_EINVAL, "", "a table without a name or fields");
    name_set csv = {.n = 0};
    return check_fields(t, t->fields, t->n_fields, 0, &csv, err);
}

typedef void (*doc_fn)(void *arg, const char *name, const char *unit, const char *doc);

/* buf = the concatenation of the n strings (NULL ends early), cut to fit. */
static const char *join(char *buf, size_t size, const char *a, const char *b, const char *c,
                        const char *d, const char *e)
{
    const char *parts[5] = {a, b, c, d, e};
    size_t at = 0;
    for (size_t i = 0; i < 5 && parts[i] != NULL; i++) {
        for (const char *p = parts[i]; *p != '\0' && at + 1 < size; p++)
            buf[at++] = *p;
    }
    buf[at] = '\0';
    return buf;
}

static void doc_csv(const out_rows_field *f, const char *name, doc_fn fn, void *arg)
{
    char cell[OUT_ROWS_NAME_MAX + 32];
    if (f->kind != OUT_ROWS_CI)
        snprintf(cell, sizeof cell, "`%s`", name);
    else if (f->flags & OUT_ROWS_MEAN_SUFFIX)
        snprintf(cell, sizeof cell, "`%s_mean` (+ `_lo`, `_hi`)*", name);
    else
        snprintf(cell, sizeof cell, "`%s` (+ `_lo`, `_hi`)", name);
    fn(arg, cell, f->unit, f->doc);
}

static void doc_json(const out_rows_table *t, const char *prefix, doc_fn fn, void *arg)
{
    for (size_t i = 0; i < t->n_fields; i++) {
        const out_rows_field *f = &t->fields[i];
        if (!in_json(f))
            continue;
        char path[OUT_ROWS_NAME_MAX], cell[OUT_ROWS_NAME_MAX + 8];
        join(path, sizeof path, prefix, json_key(f), NULL, NULL, NULL);
        switch (f->kind) {
        case OUT_ROWS_OBJECT:
        case OUT_ROWS_TABLE: {
            char sub[OUT_ROWS_NAME_MAX];
            join(sub, sizeof sub, path, f->kind == OUT_ROWS_TABLE ? "[]." : ".", NULL, NULL, NULL);
            doc_json(f->table, sub, fn, arg);
            break;
        }
        case OUT_ROWS_SERIES:
            for (size_t s = 0; s < f->table->n_fields; s++) {
                const out_rows_field *sf = &f->table->fields[s];
                if (!in_json(sf))
                    continue;
                join(cell, sizeof cell, "`", prefix, json_key(sf), "`", NULL);
                fn(arg, cell, sf->unit, sf->doc);
            }
            break;
        case OUT_ROWS_GROUP:
            for (size_t s = 0; s < f->n_sub; s++) {
                const out_rows_field *sf = &f->sub[s];
                if (!in_json(sf))
                    continue;
                char sub[OUT_ROWS_NAME_MAX];
                if (sf->json_name == NULL) {
                    join(cell, sizeof cell, "`", path, ".", f->placeholder, "`");
                    fn(arg, cell, sf->unit, sf->doc);
                } else if (sf->kind == OUT_ROWS_TABLE) {
                    join(sub, sizeof sub, path, ".", f->placeholder, ".", sf->json_name);
                    join(sub + strlen(sub), sizeof sub - strlen(sub), "[].", NULL, NULL, NULL,
                         NULL);
                    doc_json(sf->table, sub, fn, arg);
                } else {
                    char item[OUT_ROWS_NAME_MAX];
                    join(item, sizeof item, path, ".", f->placeholder, ".", sf->json_name);
                    join(cell, sizeof cell, "`", item, "`", NULL, NULL);
                    fn(arg, cell, sf->unit, sf->doc);
                }
            }
            break;
        default:
            join(cell, sizeof cell, "`", path, "`", NULL, NULL);
            fn(arg, cell, f->unit, f->doc);
        }
    }
}

void out_rows_doc(const out_rows_table *t, int json, doc_fn fn, void *arg)
{
    if (json) {
        doc_json(t, "", fn, arg);
        return;
    }
    for (size_t i = 0; i < t->n_fields; i++) {
        const out_rows_field *f = &t->fields[i];
        if (!in_csv(f))
            continue;
        if (f->kind != OUT_ROWS_GROUP) {
            doc_csv(f, f->name, fn, arg);
            continue;
        }
        for (size_t s = 0; s < f->n_sub; s++)
            if (in_csv(&f->sub[s]))
                doc_csv(&f->sub[s], f->sub[s].name, fn, arg);
    }
}

/* ---- cells (other writers over the CSV columns) -------------------------------------- */

static int cell_emit(const out_rows_field *f, const char *name, const out_rows_cursor *c,
                     out_rows_cell_fn fn, void *arg)
{
    static const char *const ci_suffix[3] = {"", "_lo", "_hi"};
    out_rows_cell cell;
    memset(&cell, 0, sizeof cell);
    cell.unit = f->unit;
    cell.doc = f->doc;
    cell.kind = f->kind == OUT_ROWS_CI ? OUT_ROWS_NUM : f->kind;
    out_rows_value v;
    int present = c->row != OUT_ROWS_HEADER && (f->has == NULL || f->has(c));
    if (present)
        get(f, c, &v);
    for (int part = 0; part < (f->kind == OUT_ROWS_CI ? 3 : 1); part++) {
        char buf[OUT_ROWS_NAME_MAX];
        const char *suffix = ci_suffix[part];
        if (f->kind == OUT_ROWS_CI && part == 0 && (f->flags & OUT_ROWS_MEAN_SUFFIX))
            suffix = "_mean";
        snprintf(buf, sizeof buf, "%s%s", name, suffix);
        cell.name = buf;
        cell.empty = !present;
        if (present) {
            cell.count = v.count;
            cell.integer = v.integer;
            cell.text = v.text;
            cell.flag = v.flag;
            cell.num = f->kind != OUT_ROWS_CI ? v.num
                       : part == 0            ? v.ci.mean
                       : part == 1            ? v.ci.lo
                                              : v.ci.hi;
            if (cell.kind == OUT_ROWS_NUM && !isfinite(cell.num))
                cell.empty = 1;
        }
        if (fn(arg, &cell) != 0)
            return -1;
    }
    return 0;
}

int out_rows_cells(const out_rows_table *t, const void *ctx, size_t row, out_rows_cell_fn fn,
                   void *arg)
{
    out_rows_cursor c = {ctx, row, 0, NULL};
    for (size_t i = 0; i < t->n_fields; i++) {
        const out_rows_field *f = &t->fields[i];
        if (!in_csv(f))
            continue;
        if (f->kind != OUT_ROWS_GROUP) {
            if (cell_emit(f, f->name, &c, fn, arg) != 0)
                return -1;
            continue;
        }
        out_rows_cursor gc = c;
        size_t n = f->count(&c);
        for (gc.item = 0; gc.item < n; gc.item++)
            for (size_t s = 0; s < f->n_sub; s++) {
                const out_rows_field *sf = &f->sub[s];
                char name[OUT_ROWS_NAME_MAX];
                if (in_csv(sf) &&
                    cell_emit(sf, expand(sf->name, f->placeholder, f->key(&gc), name,
                                         sizeof name),
                              &gc, fn, arg) != 0)
                    return -1;
            }
    }
    return 0;
}

size_t out_rows_n_rows(const out_rows_table *t, const void *ctx)
{
    return t->n_rows != NULL ? t->n_rows(ctx, NULL) : 1;
}
