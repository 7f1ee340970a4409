/* cli_opt.h -- the option table that drives every subcommand's command line.
 *
 * A subcommand describes its command line once, as data: a cli_opt_spec (its name, usage
 * lines, description, the text after the options, how many positional arguments it takes)
 * and an array of cli_opt rows. A row is either one of the common options, named by
 * CLI_OPT_USE(ID) and defined once in cli_opt.c with its type, range, metavariable, help line
 * and default (a row may reword the help line or the default for its command), or one of the
 * command's own options: long name, short letter, type, range or choices, default, help line
 * and where the value goes. From that array cli_opt_parse reads argv (getopt_long
 * underneath), checks every value against its row, reports every usage error in one wording,
 * and prints --help, which scripts/gen-cli-doc.sh turns into docs/cli.md.
 *
 * The wording of the usage errors, each followed by "Try 'omnisim CMD --help'." and exit 2:
 *   omnisim CMD: unknown option '--x'
 *   omnisim CMD: option '--x' is ambiguous (--xa, --xb)
 *   omnisim CMD: option '--x' needs a value
 *   omnisim CMD: option '--x' takes no value
 *   omnisim CMD: option '--x': expected <what the row accepts>, got 'VALUE'
 *   omnisim CMD: option '--x' given more than 64 times
 *   omnisim CMD: missing SCENARIO
 *   omnisim CMD: unexpected argument 'X' (at most 1 SCENARIO)
 * An option is named as it was written (-r or --replications). Checks that need more than one
 * option or the loaded scenario stay in the command and call cli_usage_error (cli.h): every
 * usage or option-value error exits 2, in every command.
 *
 * Why not argp: argp exits from inside the parser (argp_error, --help, --version), keeps its
 * state in globals (argp_program_version, argp_err_exit_status), is glibc only, and words its
 * own errors; the command must own its exit codes and its messages. getopt_long does the
 * scanning (clusters, unambiguous abbreviations, "--", permutation); this module adds the
 * table, the value checks, the messages and the help text.
 *
 * Tables are built on the command's stack (rows point at the command's variables); nothing
 * here keeps state between calls.
 */
#ifndef CLI_OPT_H
#define CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

/* The most values a repeatable option collects. */
#define CLI_OPT_LIST_MAX 64

/* Rows in one command's table, common options and headings included. */
#define CLI_OPT_MAX_ROWS 48

typedef enum cli_opt_type {
    CLI_OPT_FLAG,    /* no value: *(int *)dest = 1 (0 with CLI_OPT_CLEAR) */
    CLI_OPT_INT,     /* an integer in [lo, hi]: *(long *)dest */
    CLI_OPT_U64,     /* a non-negative 64-bit integer (seeds): *(unsigned long long *)dest */
    CLI_OPT_NUM,     /* a finite number between lo and hi (closed bounds unless flagged open;
                        -HUGE_VAL/HUGE_VAL for none): *(double *)dest */
    CLI_OPT_TEXT,    /* a non-empty string, borrowed from argv: *(const char **)dest */
    CLI_OPT_CHOICE,  /* one of `choices` (NULL-terminated): *(int *)dest = its index */
    CLI_OPT_LIST,    /* repeatable string: ((const char **)dest)[(*count)++], at most
                        CLI_OPT_LIST_MAX (dest holds that many) */
    CLI_OPT_CUSTOM,  /* parse(text, dest) returns 1 when the value is good; `expect` says
                        what a good value is, for the message */
    CLI_OPT_COMMON,  /* one of the common options (field `common`): see CLI_OPT_USE */
    CLI_OPT_HEADING  /* no option: `help` is a heading line of --help */
} cli_opt_type;

/* Row flags. */
enum {
    CLI_OPT_LO_OPEN = 1, /* CLI_OPT_NUM: the value must be > lo (default >= lo) */
    CLI_OPT_HI_OPEN = 2, /* CLI_OPT_NUM: the value must be < hi (default <= hi) */
    CLI_OPT_ASSIGN = 4,  /* CLI_OPT_TEXT, CLI_OPT_LIST: the value must hold '=' */
    CLI_OPT_CLEAR = 8    /* CLI_OPT_FLAG: store 0 instead of 1 (the last such flag wins) */
};

/* The common options: defined once in cli_opt.c; their values go into cli_opt_common. */
typedef enum cli_opt_common_id {
    CLI_OPT_COMMON_REPLICATIONS, /* -r, --replications N: reps (>= min_reps) */
    CLI_OPT_COMMON_SEED,         /* -s, --seed N: seed, seed_set */
    CLI_OPT_COMMON_THREADS,      /* -j, --threads N: threads (1..1024) */
    CLI_OPT_COMMON_MAX_IN_SYSTEM,/* --max-in-system N: max_in_system (0: the machine's) */
    CLI_OPT_COMMON_OUTPUT,       /* -o, --output DIR: out_dir, out_given */
    CLI_OPT_COMMON_QUIET,        /* -q, --quiet: quiet */
    CLI_OPT_COMMON_POLICY,       /* --policy NAME (repeatable): policies */
    CLI_OPT_COMMON_SET,          /* --set PATH=VALUE (repeatable): sets */
    CLI_OPT_COMMON_INCLUDE_ROOT, /* --include-root DIR: include_root */
    CLI_OPT_COMMON_NO_INCLUDES,  /* --no-includes: no_includes */
    CLI_OPT_COMMON_JSON,         /* --json: json */
    CLI_OPT_COMMON_NO_PLOTS,     /* --no-plots: no_plots */
    CLI_OPT_COMMON_XLSX,         /* --xlsx FILE: xlsx (output/out_xlsx.h) */
    CLI_OPT_COMMON_HELP,         /* -h, --help: every command has it (last unless listed) */
    CLI_OPT_COMMON_COUNT
} cli_opt_common_id;

/* A row naming a common option: { CLI_OPT_USE(SEED), .help = "search seed" }. */
#define CLI_OPT_USE(id) .type = CLI_OPT_COMMON, .common = CLI_OPT_COMMON_##id

/* A row of the command's own: type, long name and destination, the destination checked
 * against the type at compile time (a pointer of another type is a "pointer type mismatch"
 * error under -Werror), e.g.
 *   { CLI_OPT_ROW_NUM("gap", &po.mip_gap), .lo = 0, .hi = 0.99, .metavar = "G", .help = ... } */
#define CLI_OPT_DEST(T, p) ((void *)(1 ? (p) : (T *)0))
#define CLI_OPT_ROW_FLAG(nm, p) .type = CLI_OPT_FLAG, .name = (nm), .dest = CLI_OPT_DEST(int, p)
#define CLI_OPT_ROW_INT(nm, p) .type = CLI_OPT_INT, .name = (nm), .dest = CLI_OPT_DEST(long, p)
#define CLI_OPT_ROW_U64(nm, p) \
    .type = CLI_OPT_U64, .name = (nm), .dest = CLI_OPT_DEST(unsigned long long, p)
#define CLI_OPT_ROW_NUM(nm, p) .type = CLI_OPT_NUM, .name = (nm), .dest = CLI_OPT_DEST(double, p)
#define CLI_OPT_ROW_TEXT(nm, p) \
    .type = CLI_OPT_TEXT, .name = (nm), .dest = CLI_OPT_DEST(const char *, p)
#define CLI_OPT_ROW_CHOICE(nm, p) \
    .type = CLI_OPT_CHOICE, .name = (nm), .dest = CLI_OPT_DEST(int, p)
#define CLI_OPT_ROW_LIST(nm, arr) \
    .type = CLI_OPT_LIST, .name = (nm), .dest = CLI_OPT_DEST(const char *, arr)
#define CLI_OPT_ROW_CUSTOM(nm, p) .type = CLI_OPT_CUSTOM, .name = (nm), .dest = (p)

typedef struct cli_opt {
    cli_opt_type type;
    const char *name;        /* long name without "--"; NULL for a heading */
    int short_name;          /* the short letter, 0 when none */
    const char *metavar;     /* the value's name in --help ("N", "DIR"); NULL for a flag or
                                a choice (its choices joined by '|') */
    void *dest;              /* where the value goes (see cli_opt_type) */
    size_t *count;           /* CLI_OPT_LIST: the number of values in dest */
    int *given;              /* set to 1 when the option is given (may be NULL) */
    double lo, hi;           /* CLI_OPT_INT, CLI_OPT_NUM: the accepted range */
    unsigned flags;          /* CLI_OPT_LO_OPEN ... */
    const char *const *choices;                  /* CLI_OPT_CHOICE */
    int (*parse)(const char *text, void *dest);  /* CLI_OPT_CUSTOM */
    const char *expect;      /* CLI_OPT_CUSTOM, CLI_OPT_TEXT, CLI_OPT_LIST: what a value
                                must be, e.g. "FIRST:LAST with ..." */
    const char *def;         /* the default, shown as "(default: DEF)"; NULL: none (for a
                                common option: its definition's); "": none shown */
    const char *help;        /* the help line (wrapped by --help; '\n' forces a break) */
    int common;              /* CLI_OPT_COMMON: a cli_opt_common_id */
} cli_opt;

/* The values of the common options and the positional arguments, after cli_opt_parse. */
typedef struct cli_opt_common {
    const char *cmd;           /* "run", ... for messages */
    const char *scenario_path; /* the first positional argument, NULL when none */
    char **args;               /* every positional argument (into argv) */
    size_t n_args;
    const char *out_dir;       /* default "omnisim-out" */
    int out_given;             /* -o was given */
    long reps;                 /* 0: not given */
    long min_reps;             /* smallest -r accepted (default 1; studies 2) */
    int seed_set;
    unsigned long long seed;
    long threads;              /* default: the online processors */
    long max_in_system;        /* cap on contacts in the system per replication; 0 (default):
                                  derived from the machine's memory (limits_run.h) */
    int json, quiet, no_plots;
    const char *policies[CLI_OPT_LIST_MAX];
    size_t n_policies;
    const char *sets[CLI_OPT_LIST_MAX];
    size_t n_sets;
    const char *include_root;  /* NULL: includes are not confined */
    int no_includes;
    const char *xlsx;          /* --xlsx FILE: the result tables as a workbook; NULL: none */
    int argc;                  /* the command line after "omnisim", for manifest.json */
    char **argv;               /* (getopt_long may have moved positional arguments last) */
} cli_opt_common;

/* A command's command line. */
typedef struct cli_opt_spec {
    const char *cmd;      /* "run" */
    const char *usage;    /* usage lines, '\n' between them, each "omnisim run ..." */
    const char *about;    /* what the command does (lines as written), or NULL */
    const char *epilog;   /* printed after the options (lines as written), or NULL */
    const char *args;     /* the positional argument's name for messages ("SCENARIO") */
    size_t args_min, args_max;
    const cli_opt *opts;
    size_t n_opts;
} cli_opt_spec;

/* Defaults: cmd, out_dir "omnisim-out", threads = online processors, min_reps 1. */
void cli_opt_common_init(cli_opt_common *c, const char *cmd);

/* Returned by cli_opt_parse when the command should run. */
#define CLI_OPT_GO_ON (-1)

/* Parse argv[1..argc-1] (argv[0] is the subcommand) against spec: common options into c
 * (initialised by the caller), the command's own into their rows' destinations, the
 * positional arguments into c->args (and the first into c->scenario_path). Options may come
 * anywhere ("--" ends them) and long names may be abbreviated. -h/--help prints the help on
 * stdout. Returns CLI_OPT_GO_ON, 0 after --help, or 2 after printing a usage error on
 * stderr. A table that breaks the rules (too many rows, a name or short letter twice) is the
 * program's fault: an assertion. */
int cli_opt_parse(const cli_opt_spec *spec, cli_opt_common *c, int argc, char **argv);

/* Print spec's help text: usage, about, one line per option (common ones with their
 * definition, reworded by the row), then the epilog. */
void cli_opt_help(const cli_opt_spec *spec, FILE *out);

#endif /* CLI_OPT_H */
