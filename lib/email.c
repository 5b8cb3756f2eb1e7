/* SPDX-License-Identifier: MIT */
/* Email addresses (see email.h). */
#include "email.h"

#include <ctype.h>
#include <string.h>

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
