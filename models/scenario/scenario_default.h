/* scenario_default.h -- the built-in default scenario's text.
 *
 * scenario_default.c is generated at build time by CMake from
 * scenarios/online-retailer-2017.json (models/scenario/embed_default.cmake), so the binary's default
 * is always the shipped file; scenario_load_default (scenario_load.h) loads it.
 */
#ifndef SCENARIO_DEFAULT_H
#define SCENARIO_DEFAULT_H

/* The embedded JSON text of the default scenario (static storage, NUL-terminated). */
const char *scenario_default_json(void);

#endif /* SCENARIO_DEFAULT_H */
