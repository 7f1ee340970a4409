/* scenario_json.c -- the JSON side of the loader: reading files under a size cap, a strict
 * pre-check (jsonpos_check) before cJSON, includes with deep merge, overrides, and the error
 * reporting that finds a file, line and column for a JSON path.
 *
 * Includes: a document's root may hold "include": "base.json" (or a list of files), resolved
 * relative to the including file's directory. The result is merge(merge(a, b), this) for
 * "include": ["a", "b"]: objects merge key by key, recursively; any other value (arrays too)
 * is replaced whole. Cycles and chains of more than SCENARIO_MAX_INCLUDE_DEPTH links are
 * errors; at most SCENARIO_MAX_SOURCES files take part in one load. An include must name a
 * regular file (checked before it is opened, and again on the open descriptor, so a FIFO
 * never blocks the load) and, with an include root, resolve inside it. Every text is checked
 * to be UTF-8 before it is parsed.
 *
 * Overrides (policies, --set) write one value at an override path:
 *   segment := key | key[index] | name-of-an-array-element
 *   path    := segment ('.' segment)*
 * "channels.phone.patience.mean_s" selects the element of "channels" whose "name" is
 * "phone"; "channels[0]" selects by index. Missing object keys are created (the schema check
 * then rejects names that do not exist), missing array elements are an error. A null value
 * removes an object member (its default applies again); a null for a member that is not there
 * creates nothing and changes nothing, so its path is checked against the schema instead
 * (scenario_schema_check_absent), or a misspelled removal would pass unnoticed. An override
 * written in a file (a policy's change) carries where it is written, so the errors it causes
 * point at that line.
 *
 * cJSON's allocator: scenario_json_init_hooks installs sim_malloc/sim_free with
 * cJSON_InitHooks once per process (pthread_once), so that fault-injection tests reach
 * cJSON's allocations too. The hooks are global to the process: any other cJSON user in
 * omnisim (e.g. the JSON writers) then allocates through sim_malloc as well, which is plain
 * malloc unless a test arms the injector.
 */
#define _XOPEN_SOURCE 700
#include "scenario_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonpos.h"
#include "scenario_load.h"
#include "scenario_schema.h"
#include "sim_alloc.h"

/* ---------------------------------------------------------------------------------------- */
/* Context and error reporting                                                              */

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void install_hooks(void)
{
    cJSON_Hooks hooks = {sim_malloc, sim_free};
    cJSON_InitHooks(&hooks);
}

void scenario_json_init_hooks(void)
{
    pthread_once(&hooks_once, install_hooks);
}

void scenario_json_ctx_init(scenario_ctx *ctx, scenario_diag *diag)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->diag = diag;
    ctx->first_code = SIM_OK;
}

void scenario_json_ctx_fini(scenario_ctx *ctx)
{
    for (size_t i = 0; i < ctx->n_sources; i++) {
        sim_free(ctx->sources[i].label);
        sim_free(ctx->sources[i].text);
    }
    ctx->n_sources = 0;
}

static void add_entry(scenario_ctx *ctx, sim_status code, const char *file, int line, int col,
                      const char *path, const char *msg)
{
    ctx->errors++;
    if (ctx->first_code == SIM_OK)
        ctx->first_code = code;
    if (code == SIM_ENOMEM)
        ctx->no_memory = 1;
    scenario_diag_add(ctx->diag, code, file, line, col, path, "%s%s",
                      ctx->prefix != NULL ? ctx->prefix : "", msg);
}

/* Report at a known byte offset of a known source. */
static void error_at(scenario_ctx *ctx, sim_status code, size_t src, size_t offset,
                     const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void error_at(scenario_ctx *ctx, sim_status code, size_t src, size_t offset,
                     const char *path, const char *fmt, ...)
{
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = 0, col = 0;
    const char *file = "";
    if (src < ctx->n_sources) {
        const scenario_source *s = &ctx->sources[src];
        jsonpos_line_col(s->text, s->len, offset, &line, &col);
        file = s->label;
    }
    add_entry(ctx, code, file, line, col, path, msg);
}

/* 1 when `path` is `prefix` or lies below it. */
static int path_below(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0)
        return 0;
    return path[n] == '\0' || path[n] == '.' || path[n] == '[';
}

/* The source holding the longest prefix of `path`: its index in *src and the byte offset of
 * that prefix in *off. Returns the number of segments matched, below -1 when no source is a
 * JSON text. */
static int locate(const scenario_ctx *ctx, const char *path, size_t *src, size_t *off)
{
    int best = -2;
    *src = 0;
    *off = 0;
    for (size_t i = 0; i < ctx->n_sources; i++) {
        size_t o = 0;
        int m = jsonpos_find(ctx->sources[i].text, ctx->sources[i].len, path, &o);
        if (m > best) {
            best = m;
            *src = i;
            *off = o;
        }
    }
    return best;
}

/* Report at an override. One written in a file (a policy) is located there: `part` of the
 * change ("value" or "path") and, inside a value, `rest` (the part of the error's path below
 * the override's). The message then names the policy unless the context's prefix already
 * does. An override with no place in a file (--set) is reported under its label, no line. */
static void origin_entry(scenario_ctx *ctx, sim_status code, const scenario_origin *o,
                         const char *part, const char *rest, const char *path, const char *msg)
{
    if (o->at[0] != '\0') {
        char where[SIM_ERROR_PATH_MAX];
        int w = snprintf(where, sizeof where, "%s.%s%s", o->at, part, rest);
        size_t src = 0, off = 0;
        if (w > 0 && (size_t)w < sizeof where && locate(ctx, where, &src, &off) >= 0) {
            char named[SIM_ERROR_MESSAGE_MAX];
            if (ctx->prefix == NULL)
                snprintf(named, sizeof named, "with %s: %s", o->label, msg);
            else
                snprintf(named, sizeof named, "%s", msg);
            int line = 0, col = 0;
            const scenario_source *s = &ctx->sources[src];
            jsonpos_line_col(s->text, s->len, off, &line, &col);
            add_entry(ctx, code, s->label, line, col, path, named);
            return;
        }
    }
    add_entry(ctx, code, o->label, 0, 0, path, msg);
}

void scenario_json_error(scenario_ctx *ctx, sim_status code, const char *path, const char *fmt,
                         ...)
{
    char msg[SIM_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (path == NULL)
        path = "";
    /* An override wins: the value came from it, not from a file. The latest one counts. */
    for (size_t k = ctx->n_origins; k-- > 0;) {
        if (path_below(path, ctx->origins[k].path)) {
            origin_entry(ctx, code, &ctx->origins[k], "value",
                         path + strlen(ctx->origins[k].path), path, msg);
            return;
        }
    }
    size_t best_src = 0, best_off = 0;
    int best = locate(ctx, path, &best_src, &best_off);
    /* A path no file contains but an override created below (e.g. an unknown key given with
     * --set nosuch.x=1) belongs to that override. */
    int segments = path[0] != '\0';
    for (const char *q = path; *q != '\0'; q++)
        segments += *q == '.' || (*q == '[' && q != path);
    if (best < segments) {
        for (size_t k = ctx->n_origins; k-- > 0;) {
            if (path_below(ctx->origins[k].path, path)) {
                origin_entry(ctx, code, &ctx->origins[k], "value", "", path, msg);
                return;
            }
        }
    }
    if (best < -1 || ctx->n_sources == 0) {
        add_entry(ctx, code, "", 0, 0, path, msg);
        return;
    }
    int line = 0, col = 0;
    const scenario_source *s = &ctx->sources[best_src];
    jsonpos_line_col(s->text, s->len, best_off, &line, &col);
    add_entry(ctx, code, s->label, line, col, path, msg);
}

void scenario_json_nomem(scenario_ctx *ctx)
{
    if (ctx->no_memory)
        return;
    add_entry(ctx, SIM_ENOMEM, "", 0, 0, "", "out of memory");
}

/* ---------------------------------------------------------------------------------------- */
/* Reading and parsing                                                                      */

/* Read at most SCENARIO_MAX_FILE_BYTES of a file. Returns the buffer (NUL-terminated) or NULL
 * after reporting. The file is opened with O_NONBLOCK and checked with fstat before any read,
 * so that a FIFO or a device named by an include is refused instead of blocking the load
 * forever; `regular_only` (includes) refuses everything but a regular file, otherwise (the
 * scenario named on the command line) only a directory is refused and a pipe (a shell's
 * process substitution) is read in blocking mode. */
static char *read_file(scenario_ctx *ctx, const char *path, const char *report_as,
                       int regular_only, size_t *len_out)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        add_entry(ctx, SIM_EIO, report_as, 0, 0, "", msg);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        close(fd);
        add_entry(ctx, SIM_EIO, report_as, 0, 0, "", msg);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        add_entry(ctx, SIM_EIO, report_as, 0, 0, "", "is a directory, not a scenario file");
        return NULL;
    }
    if (regular_only && !S_ISREG(st.st_mode)) {
        close(fd);
        add_entry(ctx, SIM_EIO, report_as, 0, 0, "",
                  S_ISFIFO(st.st_mode) ? "is a FIFO, not a regular file"
                                       : "is a device or socket, not a regular file");
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        int fl = fcntl(fd, F_GETFL);
        if (fl != -1)
            (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    FILE *f = fdopen(fd, "rb");
    if (f == NULL) {
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        close(fd);
        add_entry(ctx, SIM_EIO, report_as, 0, 0, "", msg);
        return NULL;
    }
    size_t cap = 65536, len = 0;
    char *buf = sim_malloc(cap);
    if (buf == NULL) {
        fclose(f);
        scenario_json_nomem(ctx);
        return NULL;
    }
    for (;;) {
        if (len + 1 >= cap) {
            if (cap > SCENARIO_MAX_FILE_BYTES) {
                sim_free(buf);
                fclose(f);
                char msg[SIM_ERROR_MESSAGE_MAX];
                snprintf(msg, sizeof msg, "file is larger than the limit of %u bytes",
                         (unsigned)SCENARIO_MAX_FILE_BYTES);
                add_entry(ctx, SIM_ELIMIT, report_as, 0, 0, "", msg);
                return NULL;
            }
            char *grown = sim_realloc(buf, cap * 2);
            if (grown == NULL) {
                sim_free(buf);
                fclose(f);
                scenario_json_nomem(ctx);
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
        size_t want = cap - 1 - len;
        if (len + want > (size_t)SCENARIO_MAX_FILE_BYTES + 1)
            want = (size_t)SCENARIO_MAX_FILE_BYTES + 1 - len;
        size_t got = fread(buf + len, 1, want, f);
        len += got;
        if (len > SCENARIO_MAX_FILE_BYTES) {
            sim_free(buf);
            fclose(f);
            char msg[SIM_ERROR_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "file is larger than the limit of %u bytes",
                     (unsigned)SCENARIO_MAX_FILE_BYTES);
            add_entry(ctx, SIM_ELIMIT, report_as, 0, 0, "", msg);
            return NULL;
        }
        if (got < want) {
            if (ferror(f)) {
                sim_free(buf);
                fclose(f);
                add_entry(ctx, SIM_EIO, report_as, 0, 0, "", "read error");
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    *len_out = len;
    return buf;
}

/* The offset of the first byte of text[0..len) that is not part of well-formed UTF-8
 * (RFC 3629: no overlong forms, no surrogates U+D800..DFFF, nothing above U+10FFFF), or len
 * when all of it is. Written by hand because cJSON copies string bytes as they come (it
 * checks only its own \\u escapes) and the summary.json writers copy names and descriptions
 * into JSON that other parsers then reject; neither cJSON nor jsonpos_check offers it. */
static size_t utf8_invalid_at(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char b = t[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t n;            /* continuation bytes */
        unsigned char lo = 0x80, hi = 0xBF; /* the range of the first continuation byte */
        if (b >= 0xC2 && b <= 0xDF) {
            n = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            if (b == 0xE0)
                lo = 0xA0;   /* overlong below U+0800 */
            else if (b == 0xED)
                hi = 0x9F;   /* surrogates */
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            if (b == 0xF0)
                lo = 0x90;   /* overlong below U+10000 */
            else if (b == 0xF4)
                hi = 0x8F;   /* above U+10FFFF */
        } else {
            return i;        /* a continuation byte first, C0/C1 (overlong) or F5..FF */
        }
        if (len - i <= n)
            return i;        /* cut off by the end of the text */
        if (t[i + 1] < lo || t[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++) {
            if ((t[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += n + 1;
    }
    return len;
}

/* Adopt text as a new source and parse it. Returns the tree or NULL (reported). *src_out
 * receives the source index (valid even on a syntax error). */
static cJSON *parse_source(scenario_ctx *ctx, char *text, size_t len, const char *label,
                           size_t *src_out)
{
    if (ctx->n_sources >= SCENARIO_MAX_SOURCES) {
        sim_free(text);
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "more than %d files take part in this scenario",
                 SCENARIO_MAX_SOURCES);
        add_entry(ctx, SIM_ELIMIT, label, 0, 0, "include", msg);
        return NULL;
    }
    char *label_copy = sim_strdup(label);
    if (label_copy == NULL) {
        sim_free(text);
        scenario_json_nomem(ctx);
        return NULL;
    }
    size_t src = ctx->n_sources++;
    ctx->sources[src].label = label_copy;
    ctx->sources[src].text = text;
    ctx->sources[src].len = len;
    *src_out = src;
    if (len > SCENARIO_MAX_FILE_BYTES) {
        error_at(ctx, SIM_ELIMIT, src, 0, "", "document is larger than the limit of %u bytes",
                 (unsigned)SCENARIO_MAX_FILE_BYTES);
        return NULL;
    }
    size_t bad = utf8_invalid_at(text, len);
    if (bad < len) {
        error_at(ctx, SIM_EPARSE, src, bad, "", "invalid UTF-8 (byte 0x%02X); the file must be "
                 "UTF-8 text", (unsigned)(unsigned char)text[bad]);
        return NULL;
    }
    char why[128];
    int rc = jsonpos_check(text, len, SCENARIO_MAX_DEPTH, SCENARIO_MAX_VALUES, &bad, why,
                           sizeof why);
    if (rc == 1) {
        error_at(ctx, SIM_EPARSE, src, bad, "", "syntax error: %s", why);
        return NULL;
    }
    if (rc == 2) {
        if (strcmp(why, "nesting too deep") == 0)
            error_at(ctx, SIM_ELIMIT, src, bad, "", "nesting deeper than %d levels",
                     SCENARIO_MAX_DEPTH);
        else
            error_at(ctx, SIM_ELIMIT, src, bad, "", "more than %u JSON values",
                     (unsigned)SCENARIO_MAX_VALUES);
        return NULL;
    }
    scenario_json_init_hooks();
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root == NULL) {
        /* The text passed the strict check, which accepts a subset of cJSON's grammar, so a
         * failure here is an allocation failure. */
        scenario_json_nomem(ctx);
        return NULL;
    }
    return root;
}

/* Deep merge: move over's members into base (over is consumed, base modified). Objects merge
 * recursively; other values replace. Returns 0, or -1 on allocation failure. */
static int merge_into(cJSON *base, cJSON *over)
{
    while (over->child != NULL) {
        cJSON *item = cJSON_DetachItemViaPointer(over, over->child);
        cJSON *existing = item->string != NULL
                              ? cJSON_GetObjectItemCaseSensitive(base, item->string)
                              : NULL;
        if (existing != NULL && cJSON_IsObject(existing) && cJSON_IsObject(item)) {
            int rc = merge_into(existing, item);
            cJSON_Delete(item);
            if (rc != 0)
                return rc;
        } else if (existing != NULL) {
            if (!cJSON_ReplaceItemViaPointer(base, existing, item)) {
                cJSON_Delete(item);
                return -1;
            }
        } else {
            /* The key is copied; on failure (no memory) the item is not attached. */
            if (!cJSON_AddItemToObject(base, item->string, item)) {
                cJSON_Delete(item);
                return -1;
            }
        }
    }
    return 0;
}

/* Directory part of path (into buf); "." when none. */
static void dir_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(buf, n, ".");
        return;
    }
    size_t len = (size_t)(slash - path);
    if (len == 0)
        len = 1; /* "/x.json" -> "/" */
    snprintf(buf, n, "%.*s", (int)len, path);
}

/* The files being loaded, outermost first, for the cycle check: the top file (when it is a
 * file) and one per include link followed; `links` counts the links, at most
 * SCENARIO_MAX_INCLUDE_DEPTH. */
typedef struct chain {
    size_t depth;
    size_t links;
    char real[SCENARIO_MAX_INCLUDE_DEPTH + 1][PATH_MAX];
} chain;

int scenario_json_set_includes(scenario_ctx *ctx, const scenario_load_opts *opts,
                               const char *label)
{
    ctx->no_includes = opts != NULL && opts->no_includes;
    ctx->include_root[0] = '\0';
    if (opts == NULL || opts->include_root == NULL)
        return 0;
    char real[PATH_MAX];
    struct stat st;
    if (realpath(opts->include_root, real) == NULL) {
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "include root '%.200s': %s", opts->include_root,
                 strerror(errno));
        add_entry(ctx, SIM_EIO, label, 0, 0, "", msg);
        return -1;
    }
    if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char msg[SIM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "include root '%.200s' is not a directory",
                 opts->include_root);
        add_entry(ctx, SIM_EIO, label, 0, 0, "", msg);
        return -1;
    }
    snprintf(ctx->include_root, sizeof ctx->include_root, "%s", real);
    return 0;
}

/* 1 when the real path `real` lies inside the directory `root` (a real path too). */
static int inside_root(const char *real, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return 1;
    return strncmp(real, root, n) == 0 && real[n] == '/';
}

int scenario_json_data_path(scenario_ctx *ctx, const char *key, const char *file, char *full,
                            size_t n)
{
    if (file[0] == '/')
        snprintf(full, n, "%s", file);
    else
        snprintf(full, n, "%s/%s", ctx->data_dir[0] ? ctx->data_dir : ".", file);
    if (ctx->include_root[0] == '\0')
        return 0;
    /* A file that does not resolve is reported by its reader ("cannot open"). */
    char real[SCENARIO_PATH_BYTES];
    if (realpath(full, real) != NULL && !inside_root(real, ctx->include_root)) {
        scenario_json_error(ctx, SIM_EINVAL, key, "%s is outside the include root %s", full,
                            ctx->include_root);
        return -1;
    }
    return 0;
}

static cJSON *load_doc(scenario_ctx *ctx, char *text, size_t len, const char *label,
                       const char *base_dir, chain *ch);

/* Load the file an include names. include_src/offset locate the include in its file. */
static cJSON *load_include(scenario_ctx *ctx, const char *name, const char *base_dir,
                           size_t include_src, const char *ipath, chain *ch)
{
    size_t off = 0;
    jsonpos_find(ctx->sources[include_src].text, ctx->sources[include_src].len, ipath, &off);
    char full[PATH_MAX];
    int w = name[0] == '/' ? snprintf(full, sizeof full, "%s", name)
                           : snprintf(full, sizeof full, "%s/%s", base_dir, name);
    if (w < 0 || (size_t)w >= sizeof full) {
        error_at(ctx, SIM_EINVAL, include_src, off, ipath, "include path is too long");
        return NULL;
    }
    if (ch->links >= SCENARIO_MAX_INCLUDE_DEPTH) {
        error_at(ctx, SIM_ELIMIT, include_src, off, ipath,
                 "includes nested deeper than %d levels", SCENARIO_MAX_INCLUDE_DEPTH);
        return NULL;
    }
    char real[PATH_MAX];
    if (realpath(full, real) == NULL) {
        error_at(ctx, SIM_EIO, include_src, off, ipath, "cannot open included file '%s': %s",
                 full, strerror(errno));
        return NULL;
    }
    if (ctx->include_root[0] != '\0' && !inside_root(real, ctx->include_root)) {
        error_at(ctx, SIM_EINVAL, include_src, off, ipath,
                 "included file '%s' is outside the include root '%s'", name,
                 ctx->include_root);
        return NULL;
    }
    struct stat st;
    if (stat(real, &st) == 0 && !S_ISREG(st.st_mode)) {
        error_at(ctx, SIM_EIO, include_src, off, ipath,
                 "included file '%s' is %s, not a regular file", name,
                 S_ISDIR(st.st_mode)    ? "a directory"
                 : S_ISFIFO(st.st_mode) ? "a FIFO"
                                        : "a device or socket");
        return NULL;
    }
    for (size_t k = 0; k < ch->depth; k++) {
        if (strcmp(ch->real[k], real) == 0) {
            error_at(ctx, SIM_EINVAL, include_src, off, ipath,
                     "include cycle: '%s' includes itself (directly or through other files)",
                     name);
            return NULL;
        }
    }
    size_t len = 0;
    char *text = read_file(ctx, full, full, 1, &len);
    if (text == NULL)
        return NULL;
    char dir[PATH_MAX];
    dir_of(full, dir, sizeof dir);
    snprintf(ch->real[ch->depth], sizeof ch->real[0], "%s", real);
    ch->depth++;
    ch->links++;
    cJSON *doc = load_doc(ctx, text, len, full, dir, ch);
    ch->links--;
    ch->depth--;
    return doc;
}

static cJSON *load_doc(scenario_ctx *ctx, char *text, size_t len, const char *label,
                       const char *base_dir, chain *ch)
{
    size_t src = 0;
    cJSON *root = parse_source(ctx, text, len, label, &src);
    if (root == NULL)
        return NULL;
    if (!cJSON_IsObject(root))
        return root; /* the schema check reports it */
    cJSON *inc = cJSON_DetachItemFromObjectCaseSensitive(root, "include");
    if (inc == NULL)
        return root;
    if (ctx->no_includes) {
        size_t off = 0;
        jsonpos_find(text, len, "include", &off);
        error_at(ctx, SIM_EINVAL, src, off, "include", "includes are not allowed here "
                 "(--no-includes)");
        cJSON_Delete(inc);
        cJSON_Delete(root);
        return NULL;
    }
    /* A second "include" (the schema check never sees the key, detached above): an error like
     * every other duplicate key, or the first would win silently. */
    if (cJSON_GetObjectItemCaseSensitive(root, "include") != NULL) {
        size_t off = 0;
        jsonpos_find(text, len, "include", &off);
        error_at(ctx, SIM_EINVAL, src, off, "include",
                 "duplicate field; each field may appear once");
        cJSON_Delete(inc);
        cJSON_Delete(root);
        return NULL;
    }
    /* Collect include names; load them in reverse so that later includes (which override
     * earlier ones) come first in the precedence order of sources. */
    const cJSON *names[SCENARIO_MAX_SOURCES];
    size_t n = 0;
    int ok = 1;
    if (cJSON_IsString(inc)) {
        names[n++] = inc;
    } else if (cJSON_IsArray(inc)) {
        for (const cJSON *c = inc->child; c != NULL; c = c->next) {
            char ipath[32];
            snprintf(ipath, sizeof ipath, "include[%zu]", n);
            if (!cJSON_IsString(c)) {
                size_t off = 0;
                jsonpos_find(text, len, ipath, &off);
                error_at(ctx, SIM_EINVAL, src, off, ipath, "expected a file name (a string)");
                ok = 0;
            } else if (n >= SCENARIO_MAX_SOURCES) {
                size_t off = 0;
                jsonpos_find(text, len, ipath, &off);
                error_at(ctx, SIM_ELIMIT, src, off, ipath, "too many includes");
                ok = 0;
                break;
            } else {
                names[n++] = c;
                continue;
            }
            n++;
            names[n - 1] = NULL;
        }
    } else {
        size_t off = 0;
        jsonpos_find(text, len, "include", &off);
        error_at(ctx, SIM_EINVAL, src, off, "include",
                 "expected a file name or a list of file names");
        ok = 0;
    }
    cJSON *bases[SCENARIO_MAX_SOURCES] = {NULL};
    for (size_t k = n; ok && k-- > 0;) {
        if (names[k] == NULL)
            continue;
        char ipath[32];
        if (cJSON_IsString(inc))
            snprintf(ipath, sizeof ipath, "include");
        else
            snprintf(ipath, sizeof ipath, "include[%zu]", k);
        bases[k] = load_include(ctx, names[k]->valuestring, base_dir, src, ipath, ch);
        if (bases[k] == NULL)
            ok = 0;
        else if (!cJSON_IsObject(bases[k])) {
            size_t off = 0;
            jsonpos_find(text, len, ipath, &off);
            error_at(ctx, SIM_EINVAL, src, off, ipath, "included file is not a JSON object");
            ok = 0;
        }
    }
    cJSON_Delete(inc);
    if (!ok) {
        for (size_t k = 0; k < n; k++)
            cJSON_Delete(bases[k]);
        cJSON_Delete(root);
        return NULL;
    }
    cJSON *merged = bases[0];
    for (size_t k = 1; k < n; k++) {
        if (merge_into(merged, bases[k]) != 0)
            ok = 0;
        cJSON_Delete(bases[k]);
        bases[k] = NULL;
    }
    if (ok && merge_into(merged, root) != 0)
        ok = 0;
    cJSON_Delete(root);
    if (!ok) {
        cJSON_Delete(merged);
        scenario_json_nomem(ctx);
        return NULL;
    }
    return merged;
}

cJSON *scenario_json_load_text(scenario_ctx *ctx, char *text, size_t len, const char *label,
                               const char *base_dir)
{
    chain *ch = sim_calloc(1, sizeof *ch);
    if (ch == NULL) {
        sim_free(text);
        scenario_json_nomem(ctx);
        return NULL;
    }
    cJSON *doc = load_doc(ctx, text, len, label, base_dir != NULL ? base_dir : ".", ch);
    sim_free(ch);
    return doc;
}

cJSON *scenario_json_load_file(scenario_ctx *ctx, const char *path)
{
    size_t len = 0;
    char *text = read_file(ctx, path, path, 0, &len);
    if (text == NULL)
        return NULL;
    chain *ch = sim_calloc(1, sizeof *ch);
    if (ch == NULL) {
        sim_free(text);
        scenario_json_nomem(ctx);
        return NULL;
    }
    if (realpath(path, ch->real[0]) != NULL)
        ch->depth = 1;
    char dir[PATH_MAX];
    dir_of(path, dir, sizeof dir);
    cJSON *doc = load_doc(ctx, text, len, path, dir, ch);
    sim_free(ch);
    return doc;
}

/* ---------------------------------------------------------------------------------------- */
/* Overrides                                                                                */

static void add_origin(scenario_ctx *ctx, const char *concrete, const char *label,
                       const char *at)
{
    if (ctx->n_origins >= SCENARIO_MAX_ORIGINS)
        return; /* positions of later overrides fall back to the file; harmless */
    scenario_origin *o = &ctx->origins[ctx->n_origins++];
    snprintf(o->path, sizeof o->path, "%s", concrete);
    snprintf(o->label, sizeof o->label, "%s", label);
    snprintf(o->at, sizeof o->at, "%s", at != NULL ? at : "");
}

/* An error in the override itself (its path): located at the change's "path" when a file
 * holds it. */
static void override_error(scenario_ctx *ctx, const char *label, const char *at,
                           const char *path, const char *msg)
{
    scenario_origin o;
    o.path[0] = '\0';
    snprintf(o.label, sizeof o.label, "%s", label);
    snprintf(o.at, sizeof o.at, "%s", at != NULL ? at : "");
    origin_entry(ctx, SIM_EINVAL, &o, "path", "", path, msg);
}

/* ", did you mean NAME?" for the element of `arr` whose "name" is nearest to `name` (within
 * two edits, as for references in the converter), or "" into buf. */
static void element_hint(const cJSON *arr, const char *name, char *buf, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (const cJSON *c = arr->child; c != NULL; c = c->next) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(c, "name");
        if (!cJSON_IsString(nm))
            continue;
        size_t d = scenario_schema_distance(name, nm->valuestring, 2);
        if (d < best_d) {
            best_d = d;
            best = nm->valuestring;
        }
    }
    if (best != NULL)
        snprintf(buf, n, "; did you mean %.64s?", best);
    else
        buf[0] = '\0';
}

int scenario_json_set(scenario_ctx *ctx, cJSON *root, const char *path, cJSON *value,
                      const char *label, const char *at)
{
    char concrete[SIM_ERROR_PATH_MAX] = "";
    char msg[SIM_ERROR_MESSAGE_MAX];
    const char *p = path;
    cJSON *node = root;
    if (path == NULL || path[0] == '\0') {
        cJSON_Delete(value);
        override_error(ctx, label, at, "", "empty override path");
        return -1;
    }
    for (;;) {
        /* one segment: key, or [index] */
        char key[SCENARIO_NAME_MAX];
        long index = -1;
        if (*p == '[') {
            char *end = NULL;
            errno = 0;
            index = strtol(p + 1, &end, 10);
            if (end == p + 1 || *end != ']' || index < 0 || errno != 0) {
                snprintf(msg, sizeof msg, "bad array index in override path '%s'", path);
                goto fail;
            }
            p = end + 1;
        } else {
            size_t n = 0;
            while (p[n] != '\0' && p[n] != '.' && p[n] != '[')
                n++;
            if (n == 0 || n >= sizeof key) {
                snprintf(msg, sizeof msg, "empty or overlong segment in override path '%s'",
                         path);
                goto fail;
            }
            memcpy(key, p, n);
            key[n] = '\0';
            p += n;
        }
        int last = *p == '\0';
        cJSON *child = NULL;
        size_t cl = strlen(concrete);
        if (cJSON_IsArray(node)) {
            size_t idx = 0;
            if (index >= 0) {
                child = cJSON_GetArrayItem(node, (int)(index > INT_MAX ? INT_MAX : index));
                idx = (size_t)index;
            } else {
                for (cJSON *c = node->child; c != NULL; c = c->next, idx++) {
                    const cJSON *nm = cJSON_GetObjectItemCaseSensitive(c, "name");
                    if (cJSON_IsString(nm) && strcmp(nm->valuestring, key) == 0) {
                        child = c;
                        break;
                    }
                }
            }
            if (child == NULL) {
                if (index >= 0) {
                    snprintf(msg, sizeof msg, "index %ld is past the end of '%s'", index,
                             concrete);
                } else {
                    char hint[96];
                    element_hint(node, key, hint, sizeof hint);
                    snprintf(msg, sizeof msg, "no element named '%s' in '%.150s'%.80s", key,
                             concrete, hint);
                }
                goto fail;
            }
            snprintf(concrete + cl, sizeof concrete - cl, "[%zu]", idx);
            if (last) {
                add_origin(ctx, concrete, label, at);
                if (!cJSON_ReplaceItemViaPointer(node, child, value)) {
                    cJSON_Delete(value);
                    scenario_json_nomem(ctx);
                    return -1;
                }
                return 0;
            }
        } else if (cJSON_IsObject(node)) {
            if (index >= 0) {
                snprintf(msg, sizeof msg, "'%s' is an object, not an array",
                         concrete[0] != '\0' ? concrete : "(root)");
                goto fail;
            }
            snprintf(concrete + cl, sizeof concrete - cl, "%s%s", cl > 0 ? "." : "", key);
            child = cJSON_GetObjectItemCaseSensitive(node, key);
            if (last) {
                add_origin(ctx, concrete, label, at);
                if (cJSON_IsNull(value)) {
                    /* null removes the field, so the default applies again; removing what
                     * is not there changes nothing, so its name must be right */
                    cJSON_Delete(value);
                    if (child == NULL)
                        return scenario_schema_check_absent(ctx, root, concrete) == 0 ? 0 : -1;
                    cJSON_DeleteItemFromObjectCaseSensitive(node, key);
                    return 0;
                }
                if (child != NULL) {
                    if (!cJSON_ReplaceItemInObjectCaseSensitive(node, key, value)) {
                        cJSON_Delete(value);
                        scenario_json_nomem(ctx);
                        return -1;
                    }
                } else if (!cJSON_AddItemToObject(node, key, value)) {
                    cJSON_Delete(value);
                    scenario_json_nomem(ctx);
                    return -1;
                }
                return 0;
            }
            if (child == NULL && cJSON_IsNull(value)) {
                /* nothing below a missing key to remove: create nothing, check the names */
                cJSON_Delete(value);
                char full[SIM_ERROR_PATH_MAX];
                snprintf(full, sizeof full, "%s%s", concrete, p);
                add_origin(ctx, full, label, at);
                return scenario_schema_check_absent(ctx, root, full) == 0 ? 0 : -1;
            }
            if (child == NULL) {
                child = cJSON_CreateObject();
                if (child == NULL || !cJSON_AddItemToObject(node, key, child)) {
                    cJSON_Delete(child);
                    cJSON_Delete(value);
                    scenario_json_nomem(ctx);
                    return -1;
                }
            }
        } else {
            snprintf(msg, sizeof msg, "cannot apply '%s': '%s' is not an object or array", path,
                     concrete[0] != '\0' ? concrete : "(root)");
            goto fail;
        }
        node = child;
        if (*p == '.')
            p++;
        if (*p == '\0') {
            snprintf(msg, sizeof msg, "override path '%s' ends with '.'", path);
            goto fail;
        }
    }
fail:
    cJSON_Delete(value);
    override_error(ctx, label, at, path, msg);
    return -1;
}

int scenario_json_set_string(scenario_ctx *ctx, cJSON *root, const char *assignment,
                             const char *label)
{
    const char *eq = strchr(assignment, '=');
    if (eq == NULL || eq == assignment) {
        override_error(ctx, label, NULL, "", "expected PATH=VALUE");
        return -1;
    }
    size_t plen = (size_t)(eq - assignment);
    char path[SIM_ERROR_PATH_MAX];
    if (plen >= sizeof path) {
        override_error(ctx, label, NULL, "", "override path too long");
        return -1;
    }
    memcpy(path, assignment, plen);
    path[plen] = '\0';
    const char *text = eq + 1;
    size_t tlen = strlen(text);
    if (utf8_invalid_at(assignment, (size_t)(eq - assignment) + 1 + tlen) <
        (size_t)(eq - assignment) + 1 + tlen) {
        override_error(ctx, label, NULL, "", "invalid UTF-8 in the override");
        return -1;
    }
    cJSON *value = NULL;
    scenario_json_init_hooks();
    if (tlen > 0 && jsonpos_check(text, tlen, SCENARIO_MAX_DEPTH, SCENARIO_MAX_VALUES, NULL,
                                  NULL, 0) == 0) {
        value = cJSON_ParseWithLength(text, tlen);
        if (value == NULL) {
            scenario_json_nomem(ctx);
            return -1;
        }
    } else {
        value = cJSON_CreateString(text); /* not JSON: a bare string such as unified */
        if (value == NULL) {
            scenario_json_nomem(ctx);
            return -1;
        }
    }
    return scenario_json_set(ctx, root, path, value, label, NULL);
}
