/* SPDX-License-Identifier: MIT */
/* placeholder: replaced below */
#include "crawl.h"
#include "crawl_impl.h"

void crawl_csv(struct crawl *c)
{
	(void)c;
}
