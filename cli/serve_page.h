/* serve_page.h -- the page of `omnisim serve` (cli/serve/page.html, embedded at build time by
 * models/scenario/embed_default.cmake into the generated serve_page.c). */
#ifndef SERVE_PAGE_H
#define SERVE_PAGE_H

/* The page's HTML, NUL-terminated, static. */
const char *serve_page_html(void);

#endif /* SERVE_PAGE_H */
