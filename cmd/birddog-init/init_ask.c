/* SPDX-License-Identifier: MIT */
/* birddog-init's questions on a terminal (see init_ask.h). */
#include "init_ask.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "diag.h"
#include "xalloc.h"

/* One answer, trimmed; NULL at the end of the input. Caller frees. */
static char *read_answer(const char *option)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (n < 0) {
		free(line);
		fputc('\n', stderr);
		diag_die(EX_USAGE, "no answer for %s: nothing written", option);
	}
	while (n > 0 && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	size_t lead = strspn(line, " \t");
	memmove(line, line + lead, (size_t)n - lead + 1);
	return line;
}

/* The answer passes the field's rules and, with the answers so far, the
 * programs'; else says why. */
static int answer_ok(struct init_values *v, enum init_field f)
{
	struct buf err = BUF_INIT;
	int rc = init_values_check_field(v, f, &err);
	json_t *draft = rc < 0 ? NULL : init_values_json(v, NULL, &err);
	if (rc == 0)
		rc = draft ? init_values_validate(draft, NULL, &err) : -1;
	if (rc < 0)
		fprintf(stderr, "  %s\n", buf_cstr(&err));
	json_decref(draft);
	buf_release(&err);
	return rc == 0;
}

static void ask_field(struct init_values *v, enum init_field f)
{
	const struct init_field_info *fi = &init_fields[f];
	for (;;) {
		fprintf(stderr, "%s (%s%s): ", fi->question, fi->key,
			fi->required ? ", required" : "; Enter leaves it out");
		char *answer = read_answer(fi->option);
		if (!*answer && !fi->required) {
			free(answer);
			return;
		}
		init_values_set(v, f, answer);
		if (answer_ok(v, f))
			return;
		init_values_set(v, f, NULL);
	}
}

static void ask_share_owner_name(struct init_values *v)
{
	for (;;) {
		fputs("May the memos name the owner of record (share_owner_name)? [y/N]: ", stderr);
		char *a = read_answer("--share-owner-name");
		int yes = !strcasecmp(a, "y") || !strcasecmp(a, "yes");
		int no = !*a || !strcasecmp(a, "n") || !strcasecmp(a, "no");
		free(a);
		if (yes || no) {
			v->share_owner_name = yes;
			return;
		}
		fputs("  answer y or n\n", stderr);
	}
}

void init_ask(struct init_values *v, const char *tenant, const char *dir)
{
	fprintf(stderr, "Setting up the tenant '%s' in '%s'.\n"
		"Each answer goes into tenant.json (see birddog-config(5)); end the input\n"
		"(Ctrl-D) to stop without writing anything.\n", tenant, dir);
	for (int i = 0; i < INIT_NFIELDS; i++)
		if (!v->value[i] || !*v->value[i])
			ask_field(v, (enum init_field)i);
	if (v->share_owner_name < 0)
		ask_share_owner_name(v);
}
