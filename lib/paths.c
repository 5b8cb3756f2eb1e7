/* SPDX-License-Identifier: MIT */
/* Where birddog keeps data and reads config (XDG Base Directory spec), and
 * safe file names derived from untrusted ids. */
#include "paths.h"

#include <ftw.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "jscan.h"
#include "xalloc.h"

int paths_tenant_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", name[i]))
			return 0;
	return 1;
}

static char *tenant_dir(const char *own_var, const char *xdg_var, const char *home_rel,
			const char *tenant)
{
	struct buf b = BUF_INIT;
	const char *own = getenv(own_var), *xdg = getenv(xdg_var), *home = getenv("HOME");
	if (own && *own)
		buf_adds(&b, own);
	else if (xdg && *xdg)
		buf_printf(&b, "%s/birddog", xdg);
	else
		buf_printf(&b, "%s/%s/birddog", home && *home ? home : ".", home_rel);
	buf_printf(&b, "/%s", tenant);
	return buf_detach(&b);
}

char *paths_data_dir(const char *tenant)
{
	return tenant_dir("BIRDDOG_HOME", "XDG_DATA_HOME", ".local/share", tenant);
}

char *paths_config_dir(const char *tenant)
{
	return tenant_dir("BIRDDOG_CONFIG", "XDG_CONFIG_HOME", ".config", tenant);
}

char *paths_share_dir(void)
{
	const char *env = getenv("BIRDDOG_SHARE");
	if (env && *env)
		return xstrdup(env);
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0 || (size_t)n >= sizeof exe - 1)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/../share/birddog", exe);
	char *real = realpath(b.data, NULL);   /* for messages without "bin/.." */
	if (!real)
		return buf_detach(&b);
	buf_release(&b);
	return real;
}

char *paths_join(const char *dir, const char *name)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", dir, name);
	return buf_detach(&b);
}

int paths_mkdirs(const char *dir, mode_t mode)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, mode) < 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

int paths_mkdirs_for(const char *file, mode_t mode)
{
	const char *slash = strrchr(file, '/');
	if (!slash || slash == file)
		return 0;
	char *dir = xstrndup(file, (size_t)(slash - file));
	int rc = paths_mkdirs(dir, mode);
	free(dir);
	return rc;
}

char *paths_safe_name(const char *id)
{
	struct buf b = BUF_INIT;
	int lossy = 0;
	size_t n = strlen(id);
	for (size_t i = 0; i < n && b.len < 120; i++) {
		unsigned char c = (unsigned char)id[i];
		if (c == ':') {
			buf_addc(&b, '-');
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '_' || c == '-' || (c == '.' && i > 0)) {
			buf_addc(&b, (char)c);
		} else {
			buf_addc(&b, '_');
			lossy = 1;
		}
	}
	if (n == 0 || n > 120)
		lossy = 1;
	if (lossy)
		buf_printf(&b, "-%08x", (unsigned)jscan_hash(id, n));
	return buf_detach(&b);
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

int paths_remove_tree(const char *dir)
{
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
