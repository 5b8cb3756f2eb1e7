/* SPDX-License-Identifier: MIT */
/* What spec.c and spec_learn.c share. */
#ifndef BIRDDOG_SPEC_IMPL_H
#define BIRDDOG_SPEC_IMPL_H

#include "spec.h"

/* A new zeroed feature at the end of s->f (which may move). */
struct feature *spec_add(struct spec *s);
void spec_feature_release(struct feature *f);
/* Sets a rotation's kx, ct and st from its centre and degrees. */
void spec_rotation_ready(struct feature *f);
/* Builds f->sorted from f->levels. */
void spec_index_levels(struct feature *f);
/* A value as a number: 1 with *out set, 0 when absent, null or "", -1
 * when it is not a number. */
int spec_number(json_t *v, double *out);
/* A value as category text, or NULL; num holds a number's text. */
const char *spec_category_text(json_t *v, char num[32]);

#endif
