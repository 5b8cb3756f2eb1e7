/* SPDX-License-Identifier: MIT */
/* Email addresses (see email.h). */
#include "email.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

int email_valid(const char *s)
{
	if (!s || !*s || strlen(s) > 254)
		return 0;
	const char *at = strrchr(s, '@');
	if (!at || at == s || !at[1] || !strchr(at, '.'))
		return 0;
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p >= 127 || strchr("\"<>(),;:\\[]", *p))
			return 0;
	return 1;
}

char *email_key(const char *s)
{
	char *k = xstrdup(s);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/* 1 when domain d ends with the label sequence suffix (".example"), or is it. */
static int ends_with(const char *d, const char *suffix)
{
	size_t n = strlen(d), k = strlen(suffix);
	return (n == k - 1 && strcasecmp(d, suffix + 1) == 0) ||
	       (n > k && strcasecmp(d + n - k, suffix) == 0);
}

int email_is_example(const char *s)
{
	static const char *const reserved[] = { ".example", ".test", ".invalid", ".localhost",
						 ".example.com", ".example.net", ".example.org" };
	const char *at = s ? strrchr(s, '@') : NULL;
	if (!at)
		return 0;
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (ends_with(at + 1, reserved[i]))
			return 1;
	return 0;
}
