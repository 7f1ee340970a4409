/* cli_opt.c -- see cli_opt.h.
 *
 * getopt_long keeps its state in the C library's globals (optind, optarg, optopt, opterr);
 * cli_opt_parse resets them on entry (optind = 0: glibc's full reinitialisation) and is
 * called once per process, from the subcommand's main.
 */
#define _GNU_SOURCE
#include "cli_opt.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scenario.h"
#include "sim_assert.h"

/* --help: the column where help lines start, and the width they wrap at. */
#define CLI_OPT_HELP_COL 26
#define CLI_OPT_WIDTH 79

/* A space that put_wrapped does not break a line at (ASCII unit separator). */
#define CLI_OPT_NBSP '\x1f'

/* getopt_long's code for a row without a short letter: CLI_OPT_VAL_BASE + its index. */
#define CLI_OPT_VAL_BASE 256

/* The common options, defined once: type, range, metavariable, help line and default. A
 * command's row may reword the help line and the default (its meaning differs a little from
 * command to command: "replications per point"), never the type or the range. The
 * destinations are filled in by common_row from the cli_opt_common being parsed into. */
static const cli_opt cli_opt_commons[CLI_OPT_COMMON_COUNT] = {
    [CLI_OPT_COMMON_REPLICATIONS] = {.type = CLI_OPT_INT, .name = "replications",
                                     .short_name = 'r', .metavar = "N", .lo = 1,
                                     .hi = SCENARIO_MAX_REPLICATIONS, .help = "replications",
                                     .def = "the scenario's"},
    [CLI_OPT_COMMON_SEED] = {.type = CLI_OPT_U64, .name = "seed", .short_name = 's',
                             .metavar = "N", .help = "master seed", .def = "the scenario's"},
    [CLI_OPT_COMMON_THREADS] = {.type = CLI_OPT_INT, .name = "threads", .short_name = 'j',
                                .metavar = "N", .lo = 1, .hi = 1024,
                                .help = "threads; results do not depend on it",
                                .def = "processors"},
    [CLI_OPT_COMMON_MAX_IN_SYSTEM] = {.type = CLI_OPT_INT, .name = "max-in-system",
                                      .metavar = "N", .lo = 1, .hi = 1e15,
                                      .help = "stop a replication (exit 3) with more than N "
                                              "contacts in the system at once, and refuse "
                                              "(exit 1) a scenario whose estimated backlog "
                                              "exceeds N",
                                      .def = "half the memory / 320 bytes / threads"},
    [CLI_OPT_COMMON_OUTPUT] = {.type = CLI_OPT_TEXT, .name = "output", .short_name = 'o',
                               .metavar = "DIR", .expect = "a directory name",
                               .help = "output directory", .def = "./omnisim-out"},
    [CLI_OPT_COMMON_QUIET] = {.type = CLI_OPT_FLAG, .name = "quiet", .short_name = 'q',
                              .help = "no progress on stderr"},
    [CLI_OPT_COMMON_POLICY] = {.type = CLI_OPT_LIST, .name = "policy", .metavar = "NAME",
                               .help = "apply a policy of the scenario"},
    [CLI_OPT_COMMON_SET] = {.type = CLI_OPT_LIST, .name = "set", .metavar = "PATH=VALUE",
                            .flags = CLI_OPT_ASSIGN, .expect = "PATH=VALUE",
                            .help = "override a scenario value"},
    [CLI_OPT_COMMON_INCLUDE_ROOT] = {.type = CLI_OPT_TEXT, .name = "include-root",
                                     .metavar = "DIR", .expect = "a directory",
                                     .help = "refuse includes that resolve (links followed) "
                                             "outside DIR",
                                     .def = "not confined"},
    [CLI_OPT_COMMON_NO_INCLUDES] = {.type = CLI_OPT_FLAG, .name = "no-includes",
                                    .help = "refuse a scenario that includes other files"},
    [CLI_OPT_COMMON_JSON] = {.type = CLI_OPT_FLAG, .name = "json",
                             .help = "print JSON on stdout instead of the table"},
    [CLI_OPT_COMMON_NO_PLOTS] = {.type = CLI_OPT_FLAG, .name = "no-plots",
                                 .help = "skip the plots and report.html"},
    [CLI_OPT_COMMON_XLSX] = {.type = CLI_OPT_TEXT, .name = "xlsx", .metavar = "FILE",
                             .expect = "a file name",
                             .help = "also write the result tables as sheets of one Excel "
                                     "workbook FILE (e.g. DIR/omnisim.xlsx), with a summary "
                                     "sheet and units under the headers"},
    [CLI_OPT_COMMON_HELP] = {.type = CLI_OPT_FLAG, .name = "help", .short_name = 'h',
                             .help = "this text"},
};

void cli_opt_common_init(cli_opt_common *c, const char *cmd)
{
    memset(c, 0, sizeof *c);
    c->cmd = cmd;
    c->out_dir = "omnisim-out";
    c->threads = cli_default_threads();
    c->min_reps = 1;
}

/* The row `row` names a common option: its definition with the destinations in c (NULL when
 * only printing help) and the row's rewording (help line, default, metavariable). */
static cli_opt common_row(const cli_opt *row, cli_opt_common *c)
{
    SIM_ASSERT(row->common >= 0 && row->common < CLI_OPT_COMMON_COUNT, "no such common option");
    cli_opt o = cli_opt_commons[row->common];
    o.common = row->common;
    if (row->metavar != NULL)
        o.metavar = row->metavar;
    if (row->help != NULL)
        o.help = row->help;
    if (row->def != NULL)
        o.def = row->def;
    if (c == NULL)
        return o;
    switch (row->common) {
    case CLI_OPT_COMMON_REPLICATIONS:
        o.dest = &c->reps;
        o.lo = (double)c->min_reps;
        break;
    case CLI_OPT_COMMON_SEED: o.dest = &c->seed; o.given = &c->seed_set; break;
    case CLI_OPT_COMMON_THREADS: o.dest = &c->threads; break;
    case CLI_OPT_COMMON_MAX_IN_SYSTEM: o.dest = &c->max_in_system; break;
    case CLI_OPT_COMMON_OUTPUT: o.dest = &c->out_dir; o.given = &c->out_given; break;
    case CLI_OPT_COMMON_QUIET: o.dest = &c->quiet; break;
    case CLI_OPT_COMMON_POLICY: o.dest = c->policies; o.count = &c->n_policies; break;
    case CLI_OPT_COMMON_SET: o.dest = c->sets; o.count = &c->n_sets; break;
    case CLI_OPT_COMMON_INCLUDE_ROOT: o.dest = &c->include_root; break;
    case CLI_OPT_COMMON_NO_INCLUDES: o.dest = &c->no_includes; break;
    case CLI_OPT_COMMON_JSON: o.dest = &c->json; break;
    case CLI_OPT_COMMON_NO_PLOTS: o.dest = &c->no_plots; break;
    case CLI_OPT_COMMON_XLSX: o.dest = &c->xlsx; break;
    default: break; /* --help is handled by the parser */
    }
    return o;
}

/* The command's rows with the common ones resolved and --help appended when not listed.
 * Returns the number of rows. */
static size_t resolve(const cli_opt_spec *spec, cli_opt_common *c, cli_opt *rows)
{
    size_t n = 0;
    int has_help = 0;
    for (size_t i = 0; i < spec->n_opts; i++) {
        SIM_ASSERT(n < CLI_OPT_MAX_ROWS - 1, "more rows than CLI_OPT_MAX_ROWS");
        const cli_opt *r = &spec->opts[i];
        rows[n++] = r->type == CLI_OPT_COMMON ? common_row(r, c) : *r;
        if (r->type == CLI_OPT_COMMON && r->common == CLI_OPT_COMMON_HELP)
            has_help = 1;
    }
    if (!has_help) {
        cli_opt help = {CLI_OPT_USE(HELP)};
        rows[n++] = common_row(&help, c);
    }
    /* Every long name and short letter once: a table that repeats one is a bug. */
    for (size_t i = 0; i < n; i++) {
        if (rows[i].type == CLI_OPT_HEADING)
            continue;
        SIM_ASSERT(rows[i].name != NULL, "an option row without a name");
        for (size_t j = i + 1; j < n; j++) {
            if (rows[j].type == CLI_OPT_HEADING)
                continue;
            SIM_ASSERT(strcmp(rows[i].name, rows[j].name) != 0, "a long name twice");
            SIM_ASSERT(rows[i].short_name == 0 || rows[i].short_name != rows[j].short_name,
                       "a short letter twice");
        }
    }
    return n;
}

static int takes_value(const cli_opt *o)
{
    return o->type != CLI_OPT_FLAG && o->type != CLI_OPT_HEADING;
}

/* The accepted values of o, for "expected ..., got 'X'". */
static const char *describe(const cli_opt *o, char *buf, size_t n)
{
    switch (o->type) {
    case CLI_OPT_INT:
        snprintf(buf, n, "an integer in [%ld, %ld]", (long)o->lo, (long)o->hi);
        break;
    case CLI_OPT_U64: snprintf(buf, n, "a non-negative integer below 2^64"); break;
    case CLI_OPT_NUM: {
        int has_lo = isfinite(o->lo), has_hi = isfinite(o->hi);
        int lo_open = (o->flags & CLI_OPT_LO_OPEN) != 0;
        int hi_open = (o->flags & CLI_OPT_HI_OPEN) != 0;
        if (has_lo && has_hi)
            snprintf(buf, n, "a number in %c%g, %g%c", lo_open ? '(' : '[', o->lo, o->hi,
                     hi_open ? ')' : ']');
        else if (has_lo)
            snprintf(buf, n, "a number %s %g", lo_open ? ">" : ">=", o->lo);
        else if (has_hi)
            snprintf(buf, n, "a number %s %g", hi_open ? "<" : "<=", o->hi);
        else
            snprintf(buf, n, "a finite number");
        break;
    }
    case CLI_OPT_CHOICE: {
        size_t len = 0;
        buf[0] = '\0';
        for (size_t i = 0; o->choices[i] != NULL; i++) {
            const char *sep = i == 0 ? "" : o->choices[i + 1] == NULL ? " or " : ", ";
            len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s", sep,
                                    o->choices[i]);
        }
        break;
    }
    case CLI_OPT_TEXT:
    case CLI_OPT_LIST:
    case CLI_OPT_CUSTOM:
    default: snprintf(buf, n, "%s", o->expect != NULL ? o->expect : "a non-empty value"); break;
    }
    return buf;
}

static int bad_value(const char *cmd, const char *written, const cli_opt *o, const char *text)
{
    char what[256];
    return cli_usage_error(cmd, "option '%s': expected %s, got '%s'", written,
                           describe(o, what, sizeof what), text);
}

/* Check text against row o and store it. Returns 0, or 2 after printing the error. */
static int store(const char *cmd, const char *written, const cli_opt *o, const char *text)
{
    char *end = NULL;
    errno = 0;
    switch (o->type) {
    case CLI_OPT_FLAG: *(int *)o->dest = (o->flags & CLI_OPT_CLEAR) ? 0 : 1; break;
    case CLI_OPT_INT: {
        long v = strtol(text, &end, 10);
        if (end == text || *end != '\0' || errno == ERANGE || (double)v < o->lo ||
            (double)v > o->hi)
            return bad_value(cmd, written, o, text);
        *(long *)o->dest = v;
        break;
    }
    case CLI_OPT_U64: {
        const char *p = text;
        while (*p == ' ' || *p == '\t')
            p++;
        unsigned long long v = strtoull(text, &end, 10);
        /* strtoull takes "-1" as 2^64 - 1: a sign is refused, after any leading blanks */
        if (*p == '-' || end == text || *end != '\0' || errno == ERANGE)
            return bad_value(cmd, written, o, text);
        *(unsigned long long *)o->dest = v;
        break;
    }
    case CLI_OPT_NUM: {
        double v = strtod(text, &end);
        int ok = end != text && *end == '\0' && errno != ERANGE && isfinite(v) &&
                 ((o->flags & CLI_OPT_LO_OPEN) ? v > o->lo : v >= o->lo) &&
                 ((o->flags & CLI_OPT_HI_OPEN) ? v < o->hi : v <= o->hi);
        if (!ok)
            return bad_value(cmd, written, o, text);
        *(double *)o->dest = v;
        break;
    }
    case CLI_OPT_TEXT:
        if (text[0] == '\0' || ((o->flags & CLI_OPT_ASSIGN) && strchr(text, '=') == NULL))
            return bad_value(cmd, written, o, text);
        *(const char **)o->dest = text;
        break;
    case CLI_OPT_CHOICE: {
        size_t i = 0;
        while (o->choices[i] != NULL && strcmp(o->choices[i], text) != 0)
            i++;
        if (o->choices[i] == NULL)
            return bad_value(cmd, written, o, text);
        *(int *)o->dest = (int)i;
        break;
    }
    case CLI_OPT_LIST:
        if (text[0] == '\0' || ((o->flags & CLI_OPT_ASSIGN) && strchr(text, '=') == NULL))
            return bad_value(cmd, written, o, text);
        if (*o->count >= CLI_OPT_LIST_MAX)
            return cli_usage_error(cmd, "option '%s' given more than %d times", written,
                                   CLI_OPT_LIST_MAX);
        ((const char **)o->dest)[(*o->count)++] = text;
        break;
    case CLI_OPT_CUSTOM:
        if (!o->parse(text, o->dest))
            return bad_value(cmd, written, o, text);
        break;
    default: SIM_ASSERT(0, "a row type without a value"); break;
    }
    if (o->given != NULL)
        *o->given = 1;
    return 0;
}

/* The option as the user wrote it: "--name" when `long_form`, else "-c". */
static const char *written_name(const cli_opt *o, int long_form, char *buf, size_t n)
{
    if (long_form || o->short_name == 0)
        snprintf(buf, n, "--%s", o->name);
    else
        snprintf(buf, n, "-%c", o->short_name);
    return buf;
}

static const cli_opt *row_of_val(const cli_opt *rows, size_t n, int val)
{
    if (val >= CLI_OPT_VAL_BASE && (size_t)(val - CLI_OPT_VAL_BASE) < n)
        return &rows[val - CLI_OPT_VAL_BASE];
    for (size_t i = 0; i < n; i++) {
        if (rows[i].type != CLI_OPT_HEADING && rows[i].short_name == val && val != 0)
            return &rows[i];
    }
    return NULL;
}

/* getopt_long returned '?': an unknown or ambiguous option, or a value given to a flag. */
static int unknown(const char *cmd, const cli_opt *rows, size_t n, const char *token)
{
    char buf[128];
    const cli_opt *o = optopt != 0 ? row_of_val(rows, n, optopt) : NULL;
    if (o != NULL && strncmp(token, "--", 2) == 0)
        return cli_usage_error(cmd, "option '%s' takes no value",
                               written_name(o, 1, buf, sizeof buf));
    if (optopt != 0)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    /* A long option: the name without "=value"; ambiguous when it abbreviates two names. */
    size_t len = strcspn(token, "=");
    char matches[256] = "";
    size_t n_match = 0, used = 0;
    for (size_t i = 0; len > 2 && i < n; i++) {
        if (rows[i].type == CLI_OPT_HEADING || strncmp(rows[i].name, token + 2, len - 2) != 0)
            continue;
        used += (size_t)snprintf(matches + used, used < sizeof matches ? sizeof matches - used : 0,
                                 "%s--%s", n_match > 0 ? ", " : "", rows[i].name);
        n_match++;
    }
    if (n_match > 1)
        return cli_usage_error(cmd, "option '%.*s' is ambiguous (%s)", (int)len, token, matches);
    return cli_usage_error(cmd, "unknown option '%.*s'", (int)len, token);
}

int cli_opt_parse(const cli_opt_spec *spec, cli_opt_common *c, int argc, char **argv)
{
    cli_opt rows[CLI_OPT_MAX_ROWS];
    size_t n = resolve(spec, c, rows);
    c->argc = argc;
    c->argv = argv;
    struct option longopts[CLI_OPT_MAX_ROWS + 1];
    char shortopts[2 * CLI_OPT_MAX_ROWS + 2];
    size_t nl = 0, ns = 0;
    shortopts[ns++] = ':'; /* a missing value returns ':', not '?' */
    for (size_t i = 0; i < n; i++) {
        if (rows[i].type == CLI_OPT_HEADING)
            continue;
        int val = rows[i].short_name != 0 ? rows[i].short_name : CLI_OPT_VAL_BASE + (int)i;
        longopts[nl++] = (struct option){rows[i].name,
                                         takes_value(&rows[i]) ? required_argument : no_argument,
                                         NULL, val};
        if (rows[i].short_name != 0) {
            shortopts[ns++] = (char)rows[i].short_name;
            if (takes_value(&rows[i]))
                shortopts[ns++] = ':';
        }
    }
    longopts[nl] = (struct option){NULL, 0, NULL, 0};
    shortopts[ns] = '\0';

    optind = 0;
    opterr = 0;
    for (;;) {
        int longindex = -1;
        int ch = getopt_long(argc, argv, shortopts, longopts, &longindex);
        if (ch == -1)
            break;
        const char *token = optind - 1 < argc ? argv[optind - 1] : "";
        char buf[128];
        if (ch == '?')
            return unknown(spec->cmd, rows, n, token);
        if (ch == ':') {
            const cli_opt *o = row_of_val(rows, n, optopt);
            SIM_ASSERT(o != NULL, "getopt_long returned a code of no row");
            return cli_usage_error(spec->cmd, "option '%s' needs a value",
                                   written_name(o, strncmp(token, "--", 2) == 0, buf,
                                                sizeof buf));
        }
        const cli_opt *o = row_of_val(rows, n, ch);
        SIM_ASSERT(o != NULL, "getopt_long returned a code of no row");
        if (strcmp(o->name, "help") == 0) {
            cli_opt_help(spec, stdout);
            return CLI_EXIT_OK;
        }
        int code = store(spec->cmd, written_name(o, longindex >= 0, buf, sizeof buf), o, optarg);
        if (code != 0)
            return code;
    }
    c->args = argv + optind;
    c->n_args = (size_t)(argc - optind);
    if (c->n_args < spec->args_min)
        return cli_usage_error(spec->cmd, "missing %s", spec->args);
    if (c->n_args > spec->args_max) {
        const char *extra = c->args[spec->args_max];
        if (spec->args_max == 0)
            return cli_usage_error(spec->cmd, "unexpected argument '%s'", extra);
        return cli_usage_error(spec->cmd, "unexpected argument '%s' (at most %zu %s)", extra,
                               spec->args_max, spec->args);
    }
    c->scenario_path = c->n_args > 0 ? c->args[0] : NULL;
    return CLI_OPT_GO_ON;
}

/* Write text from column `at` (the cursor's column), wrapping at CLI_OPT_WIDTH with
 * continuation lines starting at column `col`; '\n' in text forces a break. */
static void put_wrapped(FILE *out, const char *text, size_t at, size_t col)
{
    const char *p = text;
    int first = 1;
    while (*p != '\0') {
        if (*p == '\n') {
            fprintf(out, "\n%*s", (int)col, "");
            at = col;
            first = 1;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t len = strcspn(p, " \n");
        if (!first && at + 1 + len > CLI_OPT_WIDTH) {
            fprintf(out, "\n%*s", (int)col, "");
            at = col;
            first = 1;
        }
        if (!first) {
            fputc(' ', out);
            at++;
        }
        for (size_t k = 0; k < len; k++)
            fputc(p[k] == CLI_OPT_NBSP ? ' ' : p[k], out);
        at += len;
        first = 0;
        p += len;
    }
    fputc('\n', out);
}

/* Print lines as written, each prefixed: "usage: " on the first, spaces on the others. */
static void put_lines(FILE *out, const char *text, const char *first, const char *rest)
{
    const char *p = text;
    for (int i = 0; *p != '\0'; i++) {
        size_t len = strcspn(p, "\n");
        fprintf(out, "%s%.*s\n", i == 0 ? first : rest, (int)len, p);
        p += len;
        if (*p == '\n')
            p++;
    }
}

void cli_opt_help(const cli_opt_spec *spec, FILE *out)
{
    cli_opt rows[CLI_OPT_MAX_ROWS];
    size_t n = resolve(spec, NULL, rows);
    put_lines(out, spec->usage, "usage: ", "       ");
    if (spec->about != NULL) {
        fputc('\n', out);
        put_lines(out, spec->about, "", "");
    }
    fputc('\n', out);
    for (size_t i = 0; i < n; i++) {
        const cli_opt *o = &rows[i];
        if (o->type == CLI_OPT_HEADING) {
            fputc('\n', out);
            put_wrapped(out, o->help, 0, 0);
            continue;
        }
        char left[160], meta[128];
        const char *mv = o->metavar;
        if (mv == NULL && o->type == CLI_OPT_CHOICE) {
            size_t len = 0;
            meta[0] = '\0';
            for (size_t k = 0; o->choices[k] != NULL; k++)
                len += (size_t)snprintf(meta + len, len < sizeof meta ? sizeof meta - len : 0,
                                        "%s%s", k > 0 ? "|" : "", o->choices[k]);
            mv = meta;
        }
        int w = o->short_name != 0
                    ? snprintf(left, sizeof left, "  -%c, --%s%s%s", o->short_name, o->name,
                               mv != NULL ? " " : "", mv != NULL ? mv : "")
                    : snprintf(left, sizeof left, "      --%s%s%s", o->name,
                               mv != NULL ? " " : "", mv != NULL ? mv : "");
        fputs(left, out);
        size_t at = (size_t)w;
        if (at + 2 > CLI_OPT_HELP_COL) {
            fputc('\n', out);
            at = 0;
        }
        fprintf(out, "%*s", (int)(CLI_OPT_HELP_COL - at), "");
        /* "help (repeatable; default: DEF)"; a short default is kept on one line. */
        int has_def = o->def != NULL && o->def[0] != '\0';
        int list = o->type == CLI_OPT_LIST;
        char def[256] = "", text[1024];
        if (has_def) {
            snprintf(def, sizeof def, "default: %s", o->def);
            for (char *p = def; strlen(o->def) <= 24 && *p != '\0'; p++)
                if (*p == ' ')
                    *p = CLI_OPT_NBSP;
        }
        snprintf(text, sizeof text, "%s%s%s%s%s%s", o->help != NULL ? o->help : "",
                 list || has_def ? " (" : "", list ? "repeatable" : "",
                 list && has_def ? "; " : "", def, list || has_def ? ")" : "");
        put_wrapped(out, text, CLI_OPT_HELP_COL, CLI_OPT_HELP_COL);
    }
    if (spec->epilog != NULL) {
        fputc('\n', out);
        put_lines(out, spec->epilog, "", "");
    }
}
