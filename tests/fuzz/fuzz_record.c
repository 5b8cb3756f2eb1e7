/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the record layer: any bytes through record_parse,
 * then every top-level value read, one key replaced, one added, written. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct record *rec;
	static struct buf why, out;
	if (!rec) {
		json_arena_install();
		rec = record_new();
	}
	buf_reset(&why);
	buf_reset(&out);
	json_arena_begin();
	if (record_parse(rec, (const char *)data, size, &why) == 0) {
		record_get(rec, "id");
		record_get_path(rec, "address.zip");
		record_get(rec, "price");
		record_set(rec, "price", json_integer(1));
		record_set(rec, "score", json_pack("{s:i}", "value", 50));
		record_write(rec, &out);
	}
	record_clear(rec);
	json_arena_end();
	return 0;
}
