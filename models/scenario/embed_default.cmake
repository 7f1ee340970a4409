# Embed a text file in the binary as a C function returning it, at build time:
#   cmake -DSRC=file -DDST=out.c [-DFUNC=name -DHEADER=name.h -DVAR=name] -P embed_default.cmake
# Defaults: the built-in default scenario (scenario_default_json in scenario_default.h); the
# serve page (cli/serve/page.html) uses it too. The text becomes an array of byte values:
# C11 only guarantees string literals of 4095 bytes.
if(NOT DEFINED FUNC)
  set(FUNC scenario_default_json)
endif()
if(NOT DEFINED HEADER)
  set(HEADER scenario_default.h)
endif()
file(READ "${SRC}" hex HEX)
string(LENGTH "${hex}" n)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 values a line
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n    " bytes "${bytes}")
math(EXPR len "${n} / 2")
get_filename_component(name "${SRC}" NAME)
get_filename_component(out "${DST}" NAME)
file(WRITE "${DST}.tmp"
"/* ${out} -- ${name}, embedded in the binary.
 *
 * GENERATED at build time from ${name} (${len} bytes) by
 * models/scenario/embed_default.cmake; not kept in git.
 */
#include \"${HEADER}\"

static const char embedded_text[] = {
    ${bytes}0};

const char *${FUNC}(void)
{
    return embedded_text;
}
")
file(RENAME "${DST}.tmp" "${DST}")
