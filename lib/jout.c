/* SPDX-License-Identifier: MIT */
/* A fast compact JSON writer for jansson values (RFC 8259). */
#include "jout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"

/* Reals with one decimal or none (money, areas, rounded features) skip printf. */
static void put_real(struct buf *out, double v)
{
	double tenths = v * 10;
	if (fabs(v) < 1e14 && tenths == (double)(long long)tenths) {
		long long t = (long long)tenths;
		if (t < 0) {
			buf_addc(out, '-');
			t = -t;
		}
		jsonout_int(out, t / 10);
		buf_addc(out, '.');
		buf_addc(out, (char)('0' + t % 10));
		return;
	}
	char tmp[40];
	int n = 0;
	if (!isfinite(v)) {
		buf_adds(out, "null");
		return;
	}
	/* The shortest form that reads back the same: %.15g can round past
	 * the largest double, which the next stage would reject. */
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	buf_add(out, tmp, (size_t)n);
	if (!strpbrk(tmp, ".eE"))
		buf_add(out, ".0", 2);
}

static void put_object(struct buf *out, json_t *obj)
{
	const char *key;
	size_t key_len;
	json_t *v;
	int first = 1;
	buf_addc(out, '{');
	json_object_keylen_foreach(obj, key, key_len, v) {
		if (!first)
			buf_addc(out, ',');
		first = 0;
		jsonout_string_trusted(out, key, key_len);
		buf_addc(out, ':');
		jout_value(out, v);
	}
	buf_addc(out, '}');
}

void jout_value(struct buf *out, json_t *value)
{
	switch (json_typeof(value)) {
	case JSON_OBJECT:
		put_object(out, value);
		break;
	case JSON_ARRAY:
		buf_addc(out, '[');
		for (size_t i = 0; i < json_array_size(value); i++) {
			if (i)
				buf_addc(out, ',');
			jout_value(out, json_array_get(value, i));
		}
		buf_addc(out, ']');
		break;
	case JSON_STRING:
		jsonout_string_trusted(out, json_string_value(value), json_string_length(value));
		break;
	case JSON_INTEGER:
		jsonout_int(out, json_integer_value(value));
		break;
	case JSON_REAL:
		put_real(out, json_real_value(value));
		break;
	case JSON_TRUE:
		buf_add(out, "true", 4);
		break;
	case JSON_FALSE:
		buf_add(out, "false", 5);
		break;
	default:
		buf_add(out, "null", 4);
	}
}
