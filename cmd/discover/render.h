/* SPDX-License-Identifier: MIT */
/* Pages that build their content with JavaScript, rendered by headless
 * Chromium (Debian's chromium): the DOM after the page's scripts ran, with
 * the source's user agent, and no host but the source's resolvable to it. */
#ifndef BIRDDOG_RENDER_H
#define BIRDDOG_RENDER_H

#include "buf.h"

struct source;

/* The browser to run: $BIRDDOG_CHROMIUM, else chromium, chromium-browser
 * or google-chrome on PATH; NULL (with what to do in err) when there is
 * none. The caller frees it. */
char *render_browser(struct buf *err);

/* Renders url with browser into out (appended): 0, or -1 with the reason
 * in err. Stopped after the source's limits.timeout. */
int render_page(const char *browser, const struct source *s, const char *url, struct buf *out,
		struct buf *err);

#endif
