/* SPDX-License-Identifier: MIT */
/* The rules every stage holds a record to (see record_rules.h). */
#include "record_rules.h"

#include <string.h>

static const char *check_id(json_t *v)
{
	if (!v)
		return "'id' is missing";
	if (!json_is_string(v))
		return "'id' is not a string";
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	if (n == 0)
		return "'id' is empty";
	if (n > RECORD_ID_MAX)
		return "'id' is longer than 512 bytes";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "'id' holds a control character";
	return NULL;
}

const char *record_rules_check(struct record *rec)
{
	const char *bad = check_id(record_get(rec, "id"));
	if (bad)
		return bad;
	static const char *const money[][3] = {
		{ "price", "'price' is not a number", "'price' is negative" },
		{ "sale_price", "'sale_price' is not a number", "'sale_price' is negative" },
	};
	json_t *v;
	for (size_t i = 0; i < sizeof money / sizeof money[0]; i++) {
		v = record_get(rec, money[i][0]);
		if (v && !json_is_null(v) && !json_is_number(v))
			return money[i][1];
		if (json_is_number(v) && json_number_value(v) < 0)
			return money[i][2];
	}
	v = record_get(rec, "address");
	if (v && !json_is_null(v) && !json_is_object(v))
		return "'address' is not an object";
	return NULL;
}
