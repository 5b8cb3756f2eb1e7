/* SPDX-License-Identifier: MIT */
/* tenant.json's rules: what a tenant may put in a header, an href or a
 * footer, refused with the key named; the defaults of what is absent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "tenant.h"
#include "tmpdir.h"

/* Loads json as a tenant.json; returns tenant_load_file's result, the
 * message in err. */
static int load(const char *json, struct buf *err)
{
	char *path = tmpdir_write("tenant.json", json, strlen(json));
	struct tenant t;
	buf_reset(err);
	int rc = tenant_load_file(path, &t, err);
	tenant_release(&t);
	free(path);
	return rc;
}

/* json is refused with a message containing key. */
static void refused(const char *json, const char *key, const char *what)
{
	struct buf err = BUF_INIT;
	check(load(json, &err) < 0 && strstr(buf_cstr(&err), key), what);
	buf_release(&err);
}

int main(void)
{
	struct buf err = BUF_INIT;
	if (tmpdir_open() < 0)
		return perror("mkdtemp"), 1;

	check(load("{\"company\": \"Acme\", \"website\": \"https://acme.example/about?a=1\","
		   " \"unsubscribe\": {\"url\": \"https://acme.example/u\"},"
		   " \"postal_address\": \"1 Main St\\nReno, NV 89501\", \"phone\": \"+1 775 555 0100\","
		   " \"branding\": {\"primary\": \"#fa0\"}}", &err) == 0,
	      "a complete tenant loads");
	check(load("{\"website\": \"http://acme.example\"}", &err) == 0, "an http website loads");
	check(load("{\"sender\": null}", &err) == 0, "null is absent");

	refused("{\"website\": \"javascript:alert(1)\"}", "'website'", "a javascript: website");
	refused("{\"website\": \"https://acme.example/\\\"><script>\"}", "'website'",
		"a website breaking out of the href");
	refused("{\"website\": \"https://\"}", "'website'", "a website without a host");
	refused("{\"unsubscribe\": {\"url\": \"http://acme.example/u\"}}", "'unsubscribe.url'",
		"an unsubscribe page that is not https");
	refused("{\"unsubscribe\": {\"url\": \"https://acme.example/u v\"}}", "'unsubscribe.url'",
		"an unsubscribe page with a space");
	refused("{\"sender\": \"jo@acme.example\"}", "'sender' must be an object",
		"a sender that is not an object");
	refused("{\"branding\": \"#fff\"}", "'branding' must be an object",
		"branding that is not an object");
	refused("{\"postal_address\": \"  \"}", "'postal_address' is empty", "a blank postal address");
	refused("{\"company\": \"\"}", "'company' is empty", "an empty company");
	refused("{\"phone\": \"555\\u0007\"}", "'phone'", "a phone with a control character");
	refused("{\"phone\": \"555\\n0100\"}", "'phone'", "a phone of two lines");
	refused("{\"branding\": {\"accent\": \"blue\"}}", "'#fa0'", "a colour by name");
	refused("{\"share_owner_name\": \"yes\"}", "'share_owner_name'", "share_owner_name as text");

	struct tenant t;
	char *path = tmpdir_write("empty.json", "{}", 2);
	check(tenant_load_file(path, &t, &err) == 0 && strcmp(t.company, "birddog") == 0 &&
	      strcmp(t.color_primary, "#1d4e89") == 0 && !t.share_owner_name && t.found,
	      "an empty object gives the defaults");
	tenant_release(&t);
	free(path);
	check(tenant_url_valid("https://a.example", 1) && !tenant_url_valid("http://a.example", 1) &&
	      tenant_url_valid("http://a.example", 0) && !tenant_url_valid("ftp://a.example", 0) &&
	      !tenant_url_valid("https://a.example/\xc3\xa9", 0),
	      "tenant_url_valid: the scheme, and ASCII only");

	buf_release(&err);
	tmpdir_close();
	return tap_done();
}
