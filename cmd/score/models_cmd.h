/* SPDX-License-Identifier: MIT */
/* score's model commands: train, models, activate and eval, and finding
 * the model a plain run uses. */
#ifndef BIRDDOG_MODELS_CMD_H
#define BIRDDOG_MODELS_CMD_H

#include "avm.h"
#include "cli.h"

/* The model to value with: --model (a bundle file or a registered
 * version), else the registry's active one, else NULL (no registry or no
 * active model: the scorecard). Exits 78 with the reason when the model
 * named or active cannot be loaded. */
struct avm *models_load(const struct cli_common *c, const char *model, int threads);

/* The subcommands; argv[0] is the command's name. Each returns the exit status. */
int models_train_main(int argc, char **argv);
int models_list_main(int argc, char **argv);
int models_activate_main(int argc, char **argv);
int models_eval_main(int argc, char **argv);

#endif
