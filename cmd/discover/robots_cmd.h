/* SPDX-License-Identifier: MIT */
/* discover --robots FILE --agent UA URL...: whether robots.txt lets the
 * agent fetch each URL (RFC 9309). */
#ifndef BIRDDOG_ROBOTS_CMD_H
#define BIRDDOG_ROBOTS_CMD_H

/* Reads the robots.txt FILE ("-" is stdin) and prints for each absolute
 * http(s) URL of urls[0..n) "URL<TAB>allowed" or "URL<TAB>disallowed", then
 * "<TAB>line N: RULE" when a rule decided. Returns 0; 65 (EX_DATAERR) when a
 * URL was not one (said on stderr, its line skipped); 66 (EX_NOINPUT) when
 * FILE cannot be read. The caller checks and closes stdout. */
int robots_cmd(const char *file, const char *agent, char *const *urls, int n);

#endif
