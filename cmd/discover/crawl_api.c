/* SPDX-License-Identifier: MIT */
/* placeholder: replaced below */
#include "crawl.h"
#include "crawl_impl.h"

void crawl_api(struct crawl *c)
{
	(void)c;
}
