/* SPDX-License-Identifier: MIT */
/* A listing record built from text values and written as one NDJSON line
 * (RFC 8259) in the key order of birddog-record(5). */
#include "listing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "csv_reader.h"
#include "date.h"
#include "jsonout.h"
#include "number.h"

enum kind { K_TEXT, K_ADDRESS, K_INT, K_REAL, K_DATE, K_STAMP };

static const struct field {
	const char *name;   /* the key in a mapping */
	const char *key;    /* the key in the record */
	enum kind kind;
	double min, max;    /* for K_REAL */
} fields[LF_COUNT] = {
	[LF_SOURCE_ID] = { "source_id", "source_id", K_TEXT, 0, 0 },
	[LF_URL] = { "url", "url", K_TEXT, 0, 0 },
	[LF_LINE] = { "address.line", "line", K_ADDRESS, 0, 0 },
	[LF_UNIT] = { "address.unit", "unit", K_ADDRESS, 0, 0 },
	[LF_CITY] = { "address.city", "city", K_ADDRESS, 0, 0 },
	[LF_STATE] = { "address.state", "state", K_ADDRESS, 0, 0 },
	[LF_ZIP] = { "address.zip", "zip", K_ADDRESS, 0, 0 },
	[LF_LAT] = { "lat", "lat", K_REAL, -90, 90 },
	[LF_LON] = { "lon", "lon", K_REAL, -180, 180 },
	[LF_PRICE] = { "price", "price", K_INT, 0, 0 },
	[LF_BEDS] = { "beds", "beds", K_INT, 0, 0 },
	[LF_BATHS] = { "baths", "baths", K_REAL, 0, 1000 },
	[LF_SQFT] = { "sqft", "sqft", K_INT, 0, 0 },
	[LF_LOT_SQFT] = { "lot_sqft", "lot_sqft", K_INT, 0, 0 },
	[LF_YEAR_BUILT] = { "year_built", "year_built", K_INT, 0, 0 },
	[LF_TYPE] = { "type", "type", K_TEXT, 0, 0 },
	[LF_STATUS] = { "status", "status", K_TEXT, 0, 0 },
	[LF_LIST_DATE] = { "list_date", "list_date", K_DATE, 0, 0 },
	[LF_STATUS_DATE] = { "status_date", "status_date", K_STAMP, 0, 0 },
	[LF_SALE_DATE] = { "sale_date", "sale_date", K_DATE, 0, 0 },
	[LF_SALE_PRICE] = { "sale_price", "sale_price", K_INT, 0, 0 },
	[LF_DESCRIPTION] = { "description", "description", K_TEXT, 0, 0 },
};

const char *listing_field_name(enum listing_field f)
{
	return fields[f].name;
}

int listing_field_lookup(const char *name)
{
	for (int f = 0; f < LF_COUNT; f++)
		if (strcmp(fields[f].name, name) == 0)
			return f;
	return -1;
}

void listing_init(struct listing *l)
{
	memset(l, 0, sizeof *l);
}

void listing_release(struct listing *l)
{
	buf_release(&l->text);
	buf_release(&l->id);
	buf_release(&l->head);
	buf_release(&l->body);
	buf_release(&l->extra);
	buf_release(&l->photos);
	buf_release(&l->how);
}

void listing_reset(struct listing *l)
{
	buf_reset(&l->text);
	buf_reset(&l->extra);
	buf_reset(&l->photos);
	buf_reset(&l->how);
	l->fetched_at[0] = l->sha256[0] = '\0';
	l->present = 0;
}

int listing_has(const struct listing *l, enum listing_field f)
{
	return (l->present >> f) & 1;
}

const char *listing_text(const struct listing *l, enum listing_field f)
{
	if (!listing_has(l, f) || fields[f].kind == K_INT || fields[f].kind == K_REAL)
		return NULL;
	return l->text.data + l->off[f];
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The value as it appears in a message: at most 40 bytes, no control bytes. */
static void quote_value(struct buf *why, const char *s, size_t len)
{
	size_t n = len > 40 ? 40 : len;
	while (n < len && n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	buf_adds(why, " ('");
	for (size_t i = 0; i < n; i++)
		buf_addc(why, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
	buf_adds(why, n < len ? "...')" : "')");
}

/* The value in the field's own unit: square feet from square metres or
 * acres, dollars from "$1.25M"; -1 when the unit is not one the field is
 * measured in ("3 bd" as a price). */
static int convert(enum listing_field f, enum number_unit unit, double *v)
{
	static const double sqft_per_sqm = 10.7639104, sqft_per_acre = 43560;
	if (unit == NUMBER_UNIT_NONE)
		return 0;
	switch (f) {
	case LF_SQFT:
	case LF_LOT_SQFT:
		if (unit == NUMBER_UNIT_SQFT)
			return 0;
		if (unit == NUMBER_UNIT_SQM)
			return *v *= sqft_per_sqm, 0;
		if (unit == NUMBER_UNIT_ACRE)
			return *v *= sqft_per_acre, 0;
		return -1;
	case LF_PRICE:
	case LF_SALE_PRICE:
		if (unit == NUMBER_UNIT_THOUSAND)
			return *v *= 1e3, 0;
		if (unit == NUMBER_UNIT_MILLION)
			return *v *= 1e6, 0;
		return -1;
	case LF_BEDS:
		return unit == NUMBER_UNIT_BEDS ? 0 : -1;
	case LF_BATHS:
		return unit == NUMBER_UNIT_BATHS ? 0 : -1;
	default:
		return -1;
	}
}

static int set_number(struct listing *l, enum listing_field f, const char *s, size_t len,
		      struct buf *why)
{
	const struct field *fd = &fields[f];
	double v;
	enum number_unit unit;
	int rc = number_parse_measure(s, len, fd->kind == K_REAL && fd->min < 0, &v, &unit);
	if (rc == NUMBER_BAD || (rc == 0 && convert(f, unit, &v) < 0)) {
		buf_printf(why, "'%s' is not a number", fd->key);
		quote_value(why, s, len);
		return -1;
	}
	if (rc == NUMBER_RANGE || (fd->kind == K_INT ? v >= 1e15 : v < fd->min || v > fd->max)) {
		buf_printf(why, "'%s' is out of range", fd->key);
		quote_value(why, s, len);
		return -1;
	}
	if (fd->kind == K_INT)
		l->num[f] = llround(v);
	else
		l->real[f] = v;
	l->present |= 1u << f;
	return 0;
}

/* A date as YYYY-MM-DD; status_date as an instant when it has one. */
static int set_date(struct listing *l, enum listing_field f, const char *s, size_t len,
		    struct buf *why)
{
	struct date_value d;
	const char *reason;
	char text[DATE_MAX];
	if (date_parse(s, len, &d, &reason) < 0) {
		buf_printf(why, "'%s' is not a date: %s", fields[f].key, reason);
		quote_value(why, s, len);
		return -1;
	}
	date_format(&d, text, fields[f].kind == K_STAMP);
	listing_set_text(l, f, text);
	return 0;
}

static void set_clean_text(struct listing *l, enum listing_field f, const char *s, size_t len)
{
	l->off[f] = l->text.len;
	if (fields[f].kind != K_ADDRESS) {
		buf_add(&l->text, s, len);
	} else {
		for (size_t i = 0; i < len; i++) {
			if (!space(s[i]))
				buf_addc(&l->text, s[i]);
			else if (!space(s[i + 1]))
				buf_addc(&l->text, ' ');
		}
	}
	buf_addc(&l->text, '\0');
	l->present |= 1u << f;
}

int listing_set(struct listing *l, enum listing_field f, const char *s, size_t len, struct buf *why)
{
	while (len && space(*s))
		s++, len--;
	while (len && space(s[len - 1]))
		len--;
	if (len == 0)
		return 0;
	if (fields[f].kind == K_INT || fields[f].kind == K_REAL)
		return set_number(l, f, s, len, why);
	if (fields[f].kind == K_DATE || fields[f].kind == K_STAMP)
		return set_date(l, f, s, len, why);
	set_clean_text(l, f, s, len);
	return 0;
}

int listing_add_extra(struct listing *l, const char *name, size_t nlen, const char *value,
		      size_t vlen, struct buf *why)
{
	size_t mark = l->extra.len;
	if (mark)
		buf_addc(&l->extra, ',');
	if (jsonout_string(&l->extra, name, nlen) == 0) {
		buf_addc(&l->extra, ':');
		if (jsonout_string(&l->extra, value, vlen) == 0)
			return 0;
	}
	l->extra.len = mark;
	buf_adds(why, "column ");
	csv_format_name(why, name, nlen);
	buf_adds(why, " is not valid UTF-8");
	return -1;
}

int listing_add_photo(struct listing *l, const char *s, size_t len, struct buf *why)
{
	while (len && space(*s))
		s++, len--;
	while (len && space(s[len - 1]))
		len--;
	if (!len)
		return 0;
	size_t mark = l->photos.len;
	if (mark)
		buf_addc(&l->photos, ',');
	size_t start = l->photos.len;
	if (jsonout_string(&l->photos, s, len) < 0) {
		l->photos.len = mark;
		l->photos.data[mark] = '\0';
		buf_adds(why, "a photo's URL is not valid UTF-8");
		return -1;
	}
	/* The same URL twice (an image in JSON-LD and in the markup) is one. */
	size_t n = l->photos.len - start;
	for (size_t i = 0; i + n <= start; i++)
		if ((i == 0 || l->photos.data[i - 1] == ',') && memcmp(l->photos.data + i,
		    l->photos.data + start, n) == 0 && (l->photos.data[i + n] == ',')) {
			l->photos.len = mark;
			l->photos.data[mark] = '\0';
			break;
		}
	return 0;
}

/* The position of name's entry in how, or -1. */
static long how_find(const struct listing *l, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + n + 2 <= l->how.len; i++)
		if ((i == 0 || l->how.data[i - 1] == ',') && l->how.data[i] == '"' &&
		    memcmp(l->how.data + i + 1, name, n) == 0 && l->how.data[i + 1 + n] == '"')
			return (long)i;
	return -1;
}

int listing_has_how(const struct listing *l, const char *name)
{
	return how_find(l, name) >= 0;
}

void listing_set_how(struct listing *l, const char *name, const char *how)
{
	if (how_find(l, name) >= 0)
		return;
	if (l->how.len)
		buf_addc(&l->how, ',');
	buf_printf(&l->how, "\"%s\":\"%s\"", name, how);
}

void listing_set_text(struct listing *l, enum listing_field f, const char *s)
{
	l->off[f] = l->text.len;
	buf_adds(&l->text, s);
	buf_addc(&l->text, '\0');
	l->present |= 1u << f;
}

/* A whole address in the line field (RESO's UnparsedAddress may hold "1234
 * S Martin Luther King Dr, Chicago, IL 60637") is taken apart when the
 * file gave no city, state or ZIP. */
void listing_split_address(struct listing *l)
{
	const char *line = listing_text(l, LF_LINE);
	struct address_parts p;
	if (!line || listing_has(l, LF_CITY) || listing_has(l, LF_STATE) || listing_has(l, LF_ZIP))
		return;
	if (address_split(line, &p) == 1) {
		const char *code = p.state ? address_state_code(p.state) : NULL;
		listing_set_text(l, LF_LINE, p.line);
		if (p.city)
			listing_set_text(l, LF_CITY, p.city);
		if (p.state)
			listing_set_text(l, LF_STATE, code ? code : p.state);
		if (p.zip)
			listing_set_text(l, LF_ZIP, p.zip);
	}
	address_parts_release(&p);
}

/* Appends ,"key":value for a present field (address parts: value or null). */
static int encode_field(const struct listing *l, struct buf *out, enum listing_field f, int comma)
{
	const struct field *fd = &fields[f];
	int has = listing_has(l, f);
	if (!has && fd->kind != K_ADDRESS)
		return 0;
	if (comma)
		buf_addc(out, ',');
	buf_addc(out, '"');
	buf_adds(out, fd->key);
	buf_add(out, "\":", 2);
	if (!has)
		buf_adds(out, "null");
	else if (fd->kind == K_INT)
		jsonout_int(out, l->num[f]);
	else if (fd->kind == K_REAL)
		jsonout_real(out, l->real[f]);
	else {
		const char *s = l->text.data + l->off[f];
		return jsonout_string(out, s, strlen(s));
	}
	return 0;
}

/* A fast 64-bit hash, 8 bytes a step (the content hash only detects change). */
static uint64_t hash64(uint64_t h, const char *s, size_t n)
{
	uint64_t w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w ^ n) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 32);
}

static int encode_body(const struct listing *l, struct buf *out, enum listing_field *bad)
{
	buf_adds(out, "\"address\":{");
	for (enum listing_field f = LF_LINE; f <= LF_ZIP; f++)
		if (encode_field(l, out, f, f != LF_LINE) < 0)
			return *bad = f, -1;
	buf_addc(out, '}');
	for (enum listing_field f = LF_LAT; f < LF_COUNT; f++)
		if (encode_field(l, out, f, 1) < 0)
			return *bad = f, -1;
	if (l->photos.len) {
		buf_adds(out, ",\"photos\":[");
		buf_add(out, l->photos.data, l->photos.len);
		buf_addc(out, ']');
	}
	return 0;
}

int listing_encode(struct listing *l, const char *source, const char *id, struct buf *why)
{
	const char *sid = listing_text(l, LF_SOURCE_ID);
	enum listing_field bad = LF_SOURCE_ID;
	if (!sid) {
		buf_adds(why, "'source_id' is missing");
		return -1;
	}
	buf_reset(&l->id);
	if (id)
		buf_adds(&l->id, id);
	else
		buf_printf(&l->id, "%s:%s", source, sid);
	buf_reset(&l->head);
	buf_reset(&l->body);
	buf_adds(&l->head, "\"id\":");
	int rc = jsonout_string(&l->head, l->id.data, l->id.len);
	buf_adds(&l->head, ",\"source\":");
	rc |= jsonout_string(&l->head, source, strlen(source));
	if (rc == 0 && encode_field(l, &l->head, LF_SOURCE_ID, 1) == 0
	    && (bad = LF_URL, encode_field(l, &l->head, LF_URL, 1) == 0)
	    && encode_body(l, &l->body, &bad) == 0) {
		l->hash = hash64(hash64(0, l->head.data, l->head.len), l->body.data, l->body.len);
		return 0;
	}
	buf_printf(why, "'%s' is not valid UTF-8", fields[bad].key);
	return -1;
}

void listing_write(const struct listing *l, struct buf *out, const char *seen_at,
		   const char *event, const long long *previous_price, const char *sources)
{
	buf_addc(out, '{');
	buf_add(out, l->head.data, l->head.len);
	buf_adds(out, ",\"seen_at\":\"");
	buf_adds(out, seen_at);
	buf_adds(out, "\",\"event\":\"");
	buf_adds(out, event);
	buf_addc(out, '"');
	if (previous_price) {
		buf_adds(out, ",\"previous_price\":");
		jsonout_int(out, *previous_price);
	}
	if (sources) {
		buf_adds(out, ",\"sources\":");
		buf_adds(out, sources);
	}
	buf_addc(out, ',');
	buf_add(out, l->body.data, l->body.len);
	if (l->extra.len) {
		buf_adds(out, ",\"extra\":{");
		buf_add(out, l->extra.data, l->extra.len);
		buf_addc(out, '}');
	}
	if (l->fetched_at[0] || l->how.len) {
		buf_adds(out, ",\"provenance\":{");
		int comma = 0;
		if (l->fetched_at[0]) {
			buf_printf(out, "\"fetched_at\":\"%s\"", l->fetched_at);
			comma = 1;
		}
		if (l->sha256[0]) {
			buf_printf(out, "%s\"sha256\":\"%s\"", comma ? "," : "", l->sha256);
			comma = 1;
		}
		if (l->how.len) {
			buf_printf(out, "%s\"fields\":{", comma ? "," : "");
			buf_add(out, l->how.data, l->how.len);
			buf_addc(out, '}');
		}
		buf_addc(out, '}');
	}
	buf_adds(out, "}\n");
}
