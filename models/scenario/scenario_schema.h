/* scenario_schema.h -- the table of every field a scenario file may contain.
 *
 * One table drives the generic checks (unknown fields with a suggestion, types, ranges,
 * enumerations, required fields), holds every field's default (see "Defaults" below), and is
 * the list docs/scenario-reference.md must match (a test compares them). Paths are generic:
 * "[]" stands for any array element and "*" for any key of a map (an object whose keys are
 * names, e.g. channel names in a preference vector).
 * Semantic checks a table cannot express (references, sums, profile lengths) live in the
 * converter.
 *
 * Every object of a scenario is checked for unknown keys: an object row's children are the
 * rows one level below it, and a map's keys must be the names its flags say (checked by the
 * converter, which knows the names). The only contents the table leaves to others are the
 * windows of opening hours (the converter) and a policy's value (checked where the policy
 * puts it, when `validate` applies each policy).
 */
#ifndef SCENARIO_SCHEMA_H
#define SCENARIO_SCHEMA_H

#include <stddef.h>

/* JSON types a field accepts (bit set). */
enum {
    SCENARIO_SCHEMA_NUMBER = 1,  /* any finite number */
    SCENARIO_SCHEMA_INTEGER = 2, /* a finite number with no fractional part */
    SCENARIO_SCHEMA_STRING = 4,
    SCENARIO_SCHEMA_BOOL = 8,
    SCENARIO_SCHEMA_OBJECT = 16,
    SCENARIO_SCHEMA_ARRAY = 32,
    SCENARIO_SCHEMA_ANY = 63
};

/* Flags. */
enum {
    SCENARIO_SCHEMA_REQUIRED = 1, /* must be present in its parent object */
    SCENARIO_SCHEMA_MAP = 2,      /* object with free keys; values described by "PATH.*" */
    SCENARIO_SCHEMA_OPAQUE = 4,   /* contents checked by the converter, not by the table */
    SCENARIO_SCHEMA_MIN_OPEN = 8, /* min is exclusive: value > min */
    SCENARIO_SCHEMA_CHANNEL_KEYS = 16, /* MAP: the keys are channel names */
    SCENARIO_SCHEMA_SEGMENT_KEYS = 32, /* MAP: the keys are segment names */
    SCENARIO_SCHEMA_BY_KIND = 64       /* the default depends on the channel's kind */
};

typedef struct scenario_schema_field {
    const char *path;    /* generic path, e.g. "channels[].handle_time.mean_s" */
    unsigned types;      /* SCENARIO_SCHEMA_* bit set */
    unsigned flags;
    double min, max;     /* numbers: allowed range (see MIN_OPEN) */
    const char *choices; /* strings: allowed values separated by '|', or NULL */
    const char *unit;    /* "s", "EUR", "share", "per year", ... or "" */
    const char *def;     /* the default, in one of the forms below */
    const char *doc;     /* one line */
} scenario_schema_field;

/* Defaults. A field's `def` text is the one place its default is written: the converter
 * reads it (scenario_schema_default_*), docs/scenario-reference.md prints it in the Default
 * column, and tests/test_scenario_schema.c checks that the three agree. Its forms:
 *   "required"            the field must be given;
 *   "none", "none (...)"  absent means the feature is off or the reference unset;
 *   ""                    array elements and objects whose fields carry the defaults;
 *   a value               a number (numeric fields; it may be followed by " (note)", e.g.
 *                         "0 (never)"), a word of `choices`, a JSON string ("\"\"") or
 *                         false/true: what an absent field reads as;
 *   "exponential, N s"    a distribution object: absent, it is exponential with mean N s;
 *   by kind (flag SCENARIO_SCHEMA_BY_KIND): entries "VALUE (KIND, KIND...)" joined by ", ",
 *                         the last may be "VALUE (others)"; a channel takes the first entry
 *                         naming its kind. VALUE is one of the forms above, or the name of
 *                         another field of the channel whose value it takes;
 *   anything else         prose for a default the converter derives from other fields
 *                         ("1 - sum(to)", "the channel's priority"): the test lists each with
 *                         a check of what it says.
 * These functions read a value for a channel of kind `kind` (its JSON name, e.g. "voice"; NULL
 * outside channels; ignored unless the row is BY_KIND). Each returns 1 when the default is of
 * the form asked for, 0 otherwise (also for f NULL, or a kind no entry names). O(len(def)). */

/* A value, as text without a JSON string's quotes (the note cut off), into buf. */
int scenario_schema_default_text(const scenario_schema_field *f, const char *kind, char *buf,
                                 size_t n);
/* A numeric value. */
int scenario_schema_default_number(const scenario_schema_field *f, const char *kind,
                                   double *out);
/* An "exponential, N s" distribution: its mean N. */
int scenario_schema_default_mean(const scenario_schema_field *f, const char *kind,
                                 double *mean_s);

/* Number of fields in the table and the i-th (i < count; NULL otherwise). */
size_t scenario_schema_count(void);
const scenario_schema_field *scenario_schema_get(size_t i);

/* The field with this generic path, or NULL. O(table). */
const scenario_schema_field *scenario_schema_find(const char *generic_path);

/* Levenshtein distance between a and b, capped at cap+1 (for "did you mean"). */
size_t scenario_schema_distance(const char *a, const char *b, size_t cap);

#endif /* SCENARIO_SCHEMA_H */
