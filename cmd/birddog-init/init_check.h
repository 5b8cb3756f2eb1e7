/* SPDX-License-Identifier: MIT */
/* birddog-init --check: is the tenant's configuration ready? */
#ifndef BIRDDOG_INIT_CHECK_H
#define BIRDDOG_INIT_CHECK_H

#include "cli.h"

/* Checks that CONFIGDIR/tenant.json loads and passes the programs' rules
 * and birddog-init's (allowing example domains when asked), and that a
 * scorecard and the templates are there, the tenant's own or the installed
 * defaults. Returns 0 when ready (saying so unless quiet); exits 78 with the
 * first problem. */
int init_check(const struct cli_common *c, int allow_example_domain);

#endif
