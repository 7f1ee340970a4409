/* test_docs.h -- read a file of docs/ for the tests that check the documentation against
 * the code's tables. Header-only; each test program includes it once.
 */
#ifndef TEST_DOCS_H
#define TEST_DOCS_H

#include <stdio.h>

/* docs/NAME as one NUL-terminated string (at most 1 MiB), in static storage: the next call
 * overwrites it. Fails the test when the file cannot be read. */
static inline const char *test_docs_read(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/%s", OMNISIM_SOURCE_DIR, name);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, fp);
    fclose(fp);
    text[n] = '\0';
    return text;
}

#endif /* TEST_DOCS_H */
