# Generate scenario_default.c (the built-in default scenario) from a JSON file at build time.
# cmake -DSRC=scenarios/online-retailer-2017.json -DDST=.../scenario_default.c -P embed_default.cmake
# The text becomes an array of byte values: C11 only guarantees string literals of 4095 bytes.
file(READ "${SRC}" hex HEX)
string(LENGTH "${hex}" n)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 values a line
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n    " bytes "${bytes}")
math(EXPR len "${n} / 2")
get_filename_component(name "${SRC}" NAME)
file(WRITE "${DST}.tmp"
"/* scenario_default.c -- the built-in default scenario, embedded in the binary.
 *
 * GENERATED at build time from scenarios/${name} (${len} bytes) by
 * models/scenario/embed_default.cmake; not kept in git.
 */
#include \"scenario_default.h\"

static const char default_json[] = {
    ${bytes}0};

const char *scenario_default_json(void)
{
    return default_json;
}
")
file(RENAME "${DST}.tmp" "${DST}")
