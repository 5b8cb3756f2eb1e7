/* SPDX-License-Identifier: MIT */
/* Where birddog keeps data and reads config (XDG Base Directory spec), and
 * safe file names derived from untrusted ids. */
#ifndef BIRDDOG_PATHS_H
#define BIRDDOG_PATHS_H

#include <sys/types.h>

/* 1 when name is a valid tenant name: [A-Za-z0-9_-], 1 to 64 characters. */
int paths_tenant_valid(const char *name);

/* The tenant's data directory: $BIRDDOG_HOME/TENANT, else
 * $XDG_DATA_HOME/birddog/TENANT, else ~/.local/share/birddog/TENANT.
 * The caller frees the result. */
char *paths_data_dir(const char *tenant);
/* The tenant's config directory: $BIRDDOG_CONFIG/TENANT, else
 * $XDG_CONFIG_HOME/birddog/TENANT, else ~/.config/birddog/TENANT. Caller frees. */
char *paths_config_dir(const char *tenant);
/* Where the installed defaults are (scorecard.json, templates/, the example
 * tenant.json): $BIRDDOG_SHARE, else ../share/birddog beside the running
 * program (PREFIX/bin -> PREFIX/share/birddog; build/bin -> build/share/birddog
 * in a built tree). NULL when neither can be told. Caller frees. */
char *paths_share_dir(void);
/* dir + "/" + name, newly allocated. */
char *paths_join(const char *dir, const char *name);

/* Creates dir and its missing parents. Returns 0, or -1 with errno set. */
int paths_mkdirs(const char *dir, mode_t mode);
/* Creates the parent directories of file. */
int paths_mkdirs_for(const char *file, mode_t mode);

/* Removes dir and everything in it (not following symbolic links); 0, or
 * -1 with errno set. */
int paths_remove_tree(const char *dir);

/* A file name made from an id: ':' becomes '-', any byte outside
 * [A-Za-z0-9._-] becomes '_', a leading '.' becomes '_', at most 120 bytes;
 * when anything but ':' was changed, "-" and 8 hex digits of the id's hash are
 * appended so that different ids keep different names. Caller frees. */
char *paths_safe_name(const char *id);

#endif
