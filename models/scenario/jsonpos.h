/* jsonpos.h -- byte positions inside JSON text, which cJSON does not keep.
 *
 * cJSON parses into a tree without source positions. Rather than keep a position index for
 * every value (memory proportional to the file, paid on every load), we find a position only
 * when a diagnostic needs one: jsonpos_find walks the text again along a JSON path, skipping
 * the values it does not enter. It allocates nothing, so it is O(file size) per lookup and
 * cannot fail for lack of memory; a scenario has at most SCENARIO_DIAG_MAX diagnostics, so
 * the worst case is a few hundred linear scans of a bounded file.
 *
 * jsonpos_check is the guard that runs BEFORE cJSON: a strict, allocation-free syntax check
 * (RFC 8259 grammar, a UTF-8 byte-order mark allowed) that also bounds nesting depth and the
 * number of values, so that a hostile file (a million nested brackets, tens of millions of
 * numbers) is refused before cJSON builds a tree for it. It also gives better syntax messages
 * than cJSON, and lets the loader tell a cJSON failure on valid text apart as "out of
 * memory" (cJSON reports both the same way). It accepts a subset of what cJSON accepts
 * (stricter: no trailing text, no raw control characters in strings, no lone surrogates).
 *
 * The text need not be NUL-terminated; every function stays within [text, text + len).
 * Functions are total: malformed text yields "not found", never a crash.
 */
#ifndef JSONPOS_H
#define JSONPOS_H

#include <stddef.h>

#define JSONPOS_MAX_DEPTH 256

/* Check that text is one JSON value with nesting depth <= max_depth (<= JSONPOS_MAX_DEPTH)
 * and at most max_values values. Returns 0 when it is; 1 on a syntax error and 2 when a limit
 * is exceeded, with the byte offset of the problem in *err_offset and a message in msg (size
 * msg_n). O(len), no allocation. */
int jsonpos_check(const char *text, size_t len, size_t max_depth, size_t max_values,
                  size_t *err_offset, char *msg, size_t msg_n);

/* Find the value at `path` ("a.b[3].c"; keys separated by '.', array indices in brackets).
 * Stores the byte offset of the deepest part of the path that exists (the key of an object
 * member, or the first byte of an array element) in *offset and returns the number of path
 * segments matched (0: only the root matched; *offset is then the root's first byte).
 * Returns -1 when the text is not a JSON value. O(len). */
int jsonpos_find(const char *text, size_t len, const char *path, size_t *offset);

/* Line and column (both 1-based; the column counts UTF-8 characters) of byte `offset`. An
 * offset past the end gives the position just after the last byte. O(offset). */
void jsonpos_line_col(const char *text, size_t len, size_t offset, int *line, int *column);

#endif /* JSONPOS_H */
