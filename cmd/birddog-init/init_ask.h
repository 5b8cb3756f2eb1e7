/* SPDX-License-Identifier: MIT */
/* birddog-init's questions on a terminal, for the values not given as options. */
#ifndef BIRDDOG_INIT_ASK_H
#define BIRDDOG_INIT_ASK_H

#include "init_values.h"

/* Asks on stderr, reading the answers from stdin, for every value of v not
 * given and for share_owner_name; an answer that fails birddog-init's rules
 * or the programs' is asked again, with the reason. Exits 64 when the input
 * ends before the last answer. */
void init_ask(struct init_values *v, const char *tenant, const char *dir);

#endif
