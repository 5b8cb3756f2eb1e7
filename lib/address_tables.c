/* SPDX-License-Identifier: MIT */
/* The USPS Publication 28 tables (Appendix C1 street suffixes, C2 secondary
 * unit designators, directionals, state codes) and their look-ups. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"

struct suffix {
	const char *form;
	const char *abbrev;
};

struct unit {
	const char *name;
	const char *abbrev;
	int needs_range;
};

struct pair {
	const char *name;
	const char *code;
};

/* Appendix C1: every commonly used form and its standard abbreviation,
 * sorted by form (strcmp order) for bsearch(). */
static const struct suffix suffixes[] = {
	{ "ALLEE", "ALY" }, { "ALLEY", "ALY" }, { "ALLY", "ALY" }, { "ALY", "ALY" },
	{ "ANEX", "ANX" }, { "ANNEX", "ANX" }, { "ANNX", "ANX" }, { "ANX", "ANX" },
	{ "ARC", "ARC" }, { "ARCADE", "ARC" }, { "AV", "AVE" }, { "AVE", "AVE" },
	{ "AVEN", "AVE" }, { "AVENU", "AVE" }, { "AVENUE", "AVE" }, { "AVN", "AVE" },
	{ "AVNUE", "AVE" },
	{ "BAYOO", "BYU" }, { "BAYOU", "BYU" }, { "BCH", "BCH" }, { "BEACH", "BCH" },
	{ "BEND", "BND" }, { "BLF", "BLF" }, { "BLUF", "BLF" }, { "BLUFF", "BLF" },
	{ "BLUFFS", "BLFS" }, { "BLVD", "BLVD" }, { "BND", "BND" }, { "BOT", "BTM" },
	{ "BOTTM", "BTM" }, { "BOTTOM", "BTM" }, { "BOUL", "BLVD" }, { "BOULEVARD", "BLVD" },
	{ "BOULV", "BLVD" }, { "BR", "BR" }, { "BRANCH", "BR" }, { "BRDGE", "BRG" },
	{ "BRG", "BRG" }, { "BRIDGE", "BRG" }, { "BRK", "BRK" }, { "BRNCH", "BR" },
	{ "BROOK", "BRK" }, { "BROOKS", "BRKS" }, { "BTM", "BTM" }, { "BURG", "BG" },
	{ "BURGS", "BGS" }, { "BYP", "BYP" }, { "BYPA", "BYP" }, { "BYPAS", "BYP" },
	{ "BYPASS", "BYP" }, { "BYPS", "BYP" },
	{ "CAMP", "CP" }, { "CANYN", "CYN" }, { "CANYON", "CYN" }, { "CAPE", "CPE" },
	{ "CAUSEWAY", "CSWY" }, { "CAUSWA", "CSWY" }, { "CEN", "CTR" }, { "CENT", "CTR" },
	{ "CENTER", "CTR" }, { "CENTERS", "CTRS" }, { "CENTR", "CTR" }, { "CENTRE", "CTR" },
	{ "CIR", "CIR" }, { "CIRC", "CIR" }, { "CIRCL", "CIR" }, { "CIRCLE", "CIR" },
	{ "CIRCLES", "CIRS" }, { "CLB", "CLB" }, { "CLF", "CLF" }, { "CLFS", "CLFS" },
	{ "CLIFF", "CLF" }, { "CLIFFS", "CLFS" }, { "CLUB", "CLB" }, { "CMP", "CP" },
	{ "CNTER", "CTR" }, { "CNTR", "CTR" }, { "CNYN", "CYN" }, { "COMMON", "CMN" },
	{ "COMMONS", "CMNS" }, { "COR", "COR" }, { "CORNER", "COR" }, { "CORNERS", "CORS" },
	{ "CORS", "CORS" }, { "COURSE", "CRSE" }, { "COURT", "CT" }, { "COURTS", "CTS" },
	{ "COVE", "CV" }, { "COVES", "CVS" }, { "CP", "CP" }, { "CPE", "CPE" },
	{ "CRCL", "CIR" }, { "CRCLE", "CIR" }, { "CREEK", "CRK" }, { "CRES", "CRES" },
	{ "CRESCENT", "CRES" }, { "CREST", "CRST" }, { "CRK", "CRK" }, { "CROSSING", "XING" },
	{ "CROSSROAD", "XRD" }, { "CROSSROADS", "XRDS" }, { "CRSE", "CRSE" }, { "CRSENT", "CRES" },
	{ "CRSNT", "CRES" }, { "CRSSNG", "XING" }, { "CSWY", "CSWY" }, { "CT", "CT" },
	{ "CTR", "CTR" }, { "CTS", "CTS" }, { "CURVE", "CURV" }, { "CV", "CV" },
	{ "DALE", "DL" }, { "DAM", "DM" }, { "DIV", "DV" }, { "DIVIDE", "DV" },
	{ "DL", "DL" }, { "DM", "DM" }, { "DR", "DR" }, { "DRIV", "DR" },
	{ "DRIVE", "DR" }, { "DRIVES", "DRS" }, { "DRV", "DR" }, { "DV", "DV" },
	{ "DVD", "DV" },
	{ "EST", "EST" }, { "ESTATE", "EST" }, { "ESTATES", "ESTS" }, { "ESTS", "ESTS" },
	{ "EXP", "EXPY" }, { "EXPR", "EXPY" }, { "EXPRESS", "EXPY" }, { "EXPRESSWAY", "EXPY" },
	{ "EXPW", "EXPY" }, { "EXPY", "EXPY" }, { "EXT", "EXT" }, { "EXTENSION", "EXT" },
	{ "EXTN", "EXT" }, { "EXTNSN", "EXT" }, { "EXTS", "EXTS" },
	{ "FALL", "FALL" }, { "FALLS", "FLS" }, { "FERRY", "FRY" }, { "FIELD", "FLD" },
	{ "FIELDS", "FLDS" }, { "FLAT", "FLT" }, { "FLATS", "FLTS" }, { "FLD", "FLD" },
	{ "FLDS", "FLDS" }, { "FLS", "FLS" }, { "FLT", "FLT" }, { "FLTS", "FLTS" },
	{ "FORD", "FRD" }, { "FORDS", "FRDS" }, { "FOREST", "FRST" }, { "FORESTS", "FRST" },
	{ "FORG", "FRG" }, { "FORGE", "FRG" }, { "FORGES", "FRGS" }, { "FORK", "FRK" },
	{ "FORKS", "FRKS" }, { "FORT", "FT" }, { "FRD", "FRD" }, { "FREEWAY", "FWY" },
	{ "FREEWY", "FWY" }, { "FRG", "FRG" }, { "FRK", "FRK" }, { "FRKS", "FRKS" },
	{ "FRRY", "FRY" }, { "FRST", "FRST" }, { "FRT", "FT" }, { "FRWAY", "FWY" },
	{ "FRWY", "FWY" }, { "FRY", "FRY" }, { "FT", "FT" }, { "FWY", "FWY" },
	{ "GARDEN", "GDN" }, { "GARDENS", "GDNS" }, { "GARDN", "GDN" }, { "GATEWAY", "GTWY" },
	{ "GATEWY", "GTWY" }, { "GATWAY", "GTWY" }, { "GDNS", "GDNS" }, { "GLEN", "GLN" },
	{ "GLENS", "GLNS" }, { "GLN", "GLN" }, { "GRDEN", "GDN" }, { "GRDN", "GDN" },
	{ "GRDNS", "GDNS" }, { "GREEN", "GRN" }, { "GREENS", "GRNS" }, { "GRN", "GRN" },
	{ "GROV", "GRV" }, { "GROVE", "GRV" }, { "GROVES", "GRVS" }, { "GRV", "GRV" },
	{ "GTWAY", "GTWY" }, { "GTWY", "GTWY" },
	{ "HARB", "HBR" }, { "HARBOR", "HBR" }, { "HARBORS", "HBRS" }, { "HARBR", "HBR" },
	{ "HAVEN", "HVN" }, { "HBR", "HBR" }, { "HIGHWAY", "HWY" }, { "HIGHWY", "HWY" },
	{ "HILL", "HL" }, { "HILLS", "HLS" }, { "HIWAY", "HWY" }, { "HIWY", "HWY" },
	{ "HL", "HL" }, { "HLLW", "HOLW" }, { "HLS", "HLS" }, { "HOLLOW", "HOLW" },
	{ "HOLLOWS", "HOLW" }, { "HOLW", "HOLW" }, { "HOLWS", "HOLW" }, { "HRBOR", "HBR" },
	{ "HT", "HTS" }, { "HTS", "HTS" }, { "HVN", "HVN" }, { "HWAY", "HWY" },
	{ "HWY", "HWY" },
	{ "INLT", "INLT" }, { "IS", "IS" }, { "ISLAND", "IS" }, { "ISLANDS", "ISS" },
	{ "ISLE", "ISLE" }, { "ISLES", "ISLE" }, { "ISLND", "IS" }, { "ISLNDS", "ISS" },
	{ "ISS", "ISS" },
	{ "JCT", "JCT" }, { "JCTION", "JCT" }, { "JCTN", "JCT" }, { "JCTNS", "JCTS" },
	{ "JCTS", "JCTS" }, { "JUNCTION", "JCT" }, { "JUNCTIONS", "JCTS" }, { "JUNCTN", "JCT" },
	{ "JUNCTON", "JCT" },
	{ "KEY", "KY" }, { "KEYS", "KYS" }, { "KNL", "KNL" }, { "KNLS", "KNLS" },
	{ "KNOL", "KNL" }, { "KNOLL", "KNL" }, { "KNOLLS", "KNLS" }, { "KY", "KY" },
	{ "KYS", "KYS" },
	{ "LAKE", "LK" }, { "LAKES", "LKS" }, { "LAND", "LAND" }, { "LANDING", "LNDG" },
	{ "LANE", "LN" }, { "LCK", "LCK" }, { "LCKS", "LCKS" }, { "LDG", "LDG" },
	{ "LDGE", "LDG" }, { "LF", "LF" }, { "LGT", "LGT" }, { "LIGHT", "LGT" },
	{ "LIGHTS", "LGTS" }, { "LK", "LK" }, { "LKS", "LKS" }, { "LN", "LN" },
	{ "LNDG", "LNDG" }, { "LNDNG", "LNDG" }, { "LOAF", "LF" }, { "LOCK", "LCK" },
	{ "LOCKS", "LCKS" }, { "LODG", "LDG" }, { "LODGE", "LDG" }, { "LOOP", "LOOP" },
	{ "LOOPS", "LOOP" },
	{ "MALL", "MALL" }, { "MANOR", "MNR" }, { "MANORS", "MNRS" }, { "MDW", "MDWS" },
	{ "MDWS", "MDWS" }, { "MEADOW", "MDW" }, { "MEADOWS", "MDWS" }, { "MEDOWS", "MDWS" },
	{ "MEWS", "MEWS" }, { "MILL", "ML" }, { "MILLS", "MLS" }, { "MISSN", "MSN" },
	{ "MNR", "MNR" }, { "MNRS", "MNRS" }, { "MNT", "MT" }, { "MNTAIN", "MTN" },
	{ "MNTN", "MTN" }, { "MNTNS", "MTNS" }, { "MOTORWAY", "MTWY" }, { "MOUNT", "MT" },
	{ "MOUNTAIN", "MTN" }, { "MOUNTAINS", "MTNS" }, { "MOUNTIN", "MTN" }, { "MSSN", "MSN" },
	{ "MT", "MT" }, { "MTIN", "MTN" }, { "MTN", "MTN" },
	{ "NCK", "NCK" }, { "NECK", "NCK" },
	{ "ORCH", "ORCH" }, { "ORCHARD", "ORCH" }, { "ORCHRD", "ORCH" }, { "OVAL", "OVAL" },
	{ "OVERPASS", "OPAS" }, { "OVL", "OVAL" },
	{ "PARK", "PARK" }, { "PARKS", "PARK" }, { "PARKWAY", "PKWY" }, { "PARKWAYS", "PKWY" },
	{ "PARKWY", "PKWY" }, { "PASS", "PASS" }, { "PASSAGE", "PSGE" }, { "PATH", "PATH" },
	{ "PATHS", "PATH" }, { "PIKE", "PIKE" }, { "PIKES", "PIKE" }, { "PINE", "PNE" },
	{ "PINES", "PNES" }, { "PKWAY", "PKWY" }, { "PKWY", "PKWY" }, { "PKWYS", "PKWY" },
	{ "PKY", "PKWY" }, { "PL", "PL" }, { "PLAIN", "PLN" }, { "PLAINS", "PLNS" },
	{ "PLAZA", "PLZ" }, { "PLN", "PLN" }, { "PLNS", "PLNS" }, { "PLZ", "PLZ" },
	{ "PLZA", "PLZ" }, { "PNES", "PNES" }, { "POINT", "PT" }, { "POINTS", "PTS" },
	{ "PORT", "PRT" }, { "PORTS", "PRTS" }, { "PR", "PR" }, { "PRAIRIE", "PR" },
	{ "PRK", "PARK" }, { "PRR", "PR" }, { "PRT", "PRT" }, { "PRTS", "PRTS" },
	{ "PT", "PT" }, { "PTS", "PTS" },
	{ "RAD", "RADL" }, { "RADIAL", "RADL" }, { "RADIEL", "RADL" }, { "RADL", "RADL" },
	{ "RAMP", "RAMP" }, { "RANCH", "RNCH" }, { "RANCHES", "RNCH" }, { "RAPID", "RPD" },
	{ "RAPIDS", "RPDS" }, { "RD", "RD" }, { "RDG", "RDG" }, { "RDGE", "RDG" },
	{ "RDGS", "RDGS" }, { "RDS", "RDS" }, { "REST", "RST" }, { "RIDGE", "RDG" },
	{ "RIDGES", "RDGS" }, { "RIV", "RIV" }, { "RIVER", "RIV" }, { "RIVR", "RIV" },
	{ "RNCH", "RNCH" }, { "RNCHS", "RNCH" }, { "ROAD", "RD" }, { "ROADS", "RDS" },
	{ "ROUTE", "RTE" }, { "ROW", "ROW" }, { "RPD", "RPD" }, { "RPDS", "RPDS" },
	{ "RST", "RST" }, { "RUE", "RUE" }, { "RUN", "RUN" }, { "RVR", "RIV" },
	{ "SHL", "SHL" }, { "SHLS", "SHLS" }, { "SHOAL", "SHL" }, { "SHOALS", "SHLS" },
	{ "SHOAR", "SHR" }, { "SHOARS", "SHRS" }, { "SHORE", "SHR" }, { "SHORES", "SHRS" },
	{ "SHR", "SHR" }, { "SHRS", "SHRS" }, { "SKYWAY", "SKWY" }, { "SMT", "SMT" },
	{ "SPG", "SPG" }, { "SPGS", "SPGS" }, { "SPNG", "SPG" }, { "SPNGS", "SPGS" },
	{ "SPRING", "SPG" }, { "SPRINGS", "SPGS" }, { "SPRNG", "SPG" }, { "SPRNGS", "SPGS" },
	{ "SPUR", "SPUR" }, { "SPURS", "SPUR" }, { "SQ", "SQ" }, { "SQR", "SQ" },
	{ "SQRE", "SQ" }, { "SQRS", "SQS" }, { "SQU", "SQ" }, { "SQUARE", "SQ" },
	{ "SQUARES", "SQS" }, { "ST", "ST" }, { "STA", "STA" }, { "STATION", "STA" },
	{ "STATN", "STA" }, { "STN", "STA" }, { "STR", "ST" }, { "STRA", "STRA" },
	{ "STRAV", "STRA" }, { "STRAVEN", "STRA" }, { "STRAVENUE", "STRA" }, { "STRAVN", "STRA" },
	{ "STREAM", "STRM" }, { "STREET", "ST" }, { "STREETS", "STS" }, { "STREME", "STRM" },
	{ "STRM", "STRM" }, { "STRT", "ST" }, { "STRVN", "STRA" }, { "STRVNUE", "STRA" },
	{ "SUMIT", "SMT" }, { "SUMITT", "SMT" }, { "SUMMIT", "SMT" },
	{ "TER", "TER" }, { "TERR", "TER" }, { "TERRACE", "TER" }, { "THROUGHWAY", "TRWY" },
	{ "TRACE", "TRCE" }, { "TRACES", "TRCE" }, { "TRACK", "TRAK" }, { "TRACKS", "TRAK" },
	{ "TRAFFICWAY", "TRFY" }, { "TRAIL", "TRL" }, { "TRAILER", "TRLR" }, { "TRAILS", "TRL" },
	{ "TRAK", "TRAK" }, { "TRCE", "TRCE" }, { "TRK", "TRAK" }, { "TRKS", "TRAK" },
	{ "TRL", "TRL" }, { "TRLR", "TRLR" }, { "TRLRS", "TRLR" }, { "TRLS", "TRL" },
	{ "TRNPK", "TPKE" }, { "TUNEL", "TUNL" }, { "TUNL", "TUNL" }, { "TUNLS", "TUNL" },
	{ "TUNNEL", "TUNL" }, { "TUNNELS", "TUNL" }, { "TUNNL", "TUNL" }, { "TURNPIKE", "TPKE" },
	{ "TURNPK", "TPKE" },
	{ "UN", "UN" }, { "UNDERPASS", "UPAS" }, { "UNION", "UN" }, { "UNIONS", "UNS" },
	{ "VALLEY", "VLY" }, { "VALLEYS", "VLYS" }, { "VALLY", "VLY" }, { "VDCT", "VIA" },
	{ "VIA", "VIA" }, { "VIADCT", "VIA" }, { "VIADUCT", "VIA" }, { "VIEW", "VW" },
	{ "VIEWS", "VWS" }, { "VILL", "VLG" }, { "VILLAG", "VLG" }, { "VILLAGE", "VLG" },
	{ "VILLAGES", "VLGS" }, { "VILLE", "VL" }, { "VILLG", "VLG" }, { "VILLIAGE", "VLG" },
	{ "VIS", "VIS" }, { "VIST", "VIS" }, { "VISTA", "VIS" }, { "VL", "VL" },
	{ "VLG", "VLG" }, { "VLGS", "VLGS" }, { "VLLY", "VLY" }, { "VLY", "VLY" },
	{ "VLYS", "VLYS" }, { "VST", "VIS" }, { "VSTA", "VIS" }, { "VW", "VW" },
	{ "VWS", "VWS" },
	{ "WALK", "WALK" }, { "WALKS", "WALK" }, { "WALL", "WALL" }, { "WAY", "WAY" },
	{ "WAYS", "WAYS" }, { "WELL", "WL" }, { "WELLS", "WLS" }, { "WLS", "WLS" },
	{ "WY", "WAY" },
	{ "XING", "XING" },
};

/* Appendix C1 lists these primary names only as primary names, not again
 * among their common forms ("PLACE" has the one form "PL"). */
static const struct suffix primaries[] = {
	{ "EXTENSIONS", "EXTS" }, { "HEIGHTS", "HTS" }, { "INLET", "INLT" },
	{ "MISSION", "MSN" }, { "PLACE", "PL" },
};

/* Appendix C2. */
static const struct unit units[] = {
	{ "APARTMENT", "APT", 1 },	{ "BASEMENT", "BSMT", 0 },
	{ "BUILDING", "BLDG", 1 },	{ "DEPARTMENT", "DEPT", 1 },
	{ "FLOOR", "FL", 1 },		{ "FRONT", "FRNT", 0 },
	{ "HANGAR", "HNGR", 1 },	{ "KEY", "KEY", 1 },
	{ "LOBBY", "LBBY", 0 },		{ "LOT", "LOT", 1 },
	{ "LOWER", "LOWR", 0 },		{ "OFFICE", "OFC", 0 },
	{ "PENTHOUSE", "PH", 0 },	{ "PIER", "PIER", 1 },
	{ "REAR", "REAR", 0 },		{ "ROOM", "RM", 1 },
	{ "SIDE", "SIDE", 0 },		{ "SLIP", "SLIP", 1 },
	{ "SPACE", "SPC", 1 },		{ "STOP", "STOP", 1 },
	{ "SUITE", "STE", 1 },		{ "TRAILER", "TRLR", 1 },
	{ "UNIT", "UNIT", 1 },		{ "UPPER", "UPPR", 0 },
};

static const struct pair directionals[] = {
	{ "NORTH", "N" }, { "SOUTH", "S" }, { "EAST", "E" }, { "WEST", "W" },
	{ "NORTHEAST", "NE" }, { "NORTH EAST", "NE" },
	{ "NORTHWEST", "NW" }, { "NORTH WEST", "NW" },
	{ "SOUTHEAST", "SE" }, { "SOUTH EAST", "SE" },
	{ "SOUTHWEST", "SW" }, { "SOUTH WEST", "SW" },
	/* "N. E." written with a space */
	{ "N E", "NE" }, { "N W", "NW" }, { "S E", "SE" }, { "S W", "SW" },
};

/* The 50 states, DC, the territories and freely associated states, and the
 * armed forces "states" of Publication 28 Appendix B, with a few aliases. */
static const struct pair states[] = {
	{ "ALABAMA", "AL" }, { "ALASKA", "AK" }, { "ARIZONA", "AZ" },
	{ "ARKANSAS", "AR" }, { "CALIFORNIA", "CA" }, { "COLORADO", "CO" },
	{ "CONNECTICUT", "CT" }, { "DELAWARE", "DE" }, { "FLORIDA", "FL" },
	{ "GEORGIA", "GA" }, { "HAWAII", "HI" }, { "IDAHO", "ID" },
	{ "ILLINOIS", "IL" }, { "INDIANA", "IN" }, { "IOWA", "IA" },
	{ "KANSAS", "KS" }, { "KENTUCKY", "KY" }, { "LOUISIANA", "LA" },
	{ "MAINE", "ME" }, { "MARYLAND", "MD" }, { "MASSACHUSETTS", "MA" },
	{ "MICHIGAN", "MI" }, { "MINNESOTA", "MN" }, { "MISSISSIPPI", "MS" },
	{ "MISSOURI", "MO" }, { "MONTANA", "MT" }, { "NEBRASKA", "NE" },
	{ "NEVADA", "NV" }, { "NEW HAMPSHIRE", "NH" }, { "NEW JERSEY", "NJ" },
	{ "NEW MEXICO", "NM" }, { "NEW YORK", "NY" },
	{ "NORTH CAROLINA", "NC" }, { "NORTH DAKOTA", "ND" }, { "OHIO", "OH" },
	{ "OKLAHOMA", "OK" }, { "OREGON", "OR" }, { "PENNSYLVANIA", "PA" },
	{ "RHODE ISLAND", "RI" }, { "SOUTH CAROLINA", "SC" },
	{ "SOUTH DAKOTA", "SD" }, { "TENNESSEE", "TN" }, { "TEXAS", "TX" },
	{ "UTAH", "UT" }, { "VERMONT", "VT" }, { "VIRGINIA", "VA" },
	{ "WASHINGTON", "WA" }, { "WEST VIRGINIA", "WV" },
	{ "WISCONSIN", "WI" }, { "WYOMING", "WY" },
	{ "DISTRICT OF COLUMBIA", "DC" }, { "WASHINGTON DC", "DC" },
	{ "AMERICAN SAMOA", "AS" }, { "GUAM", "GU" },
	{ "NORTHERN MARIANA ISLANDS", "MP" }, { "PUERTO RICO", "PR" },
	{ "VIRGIN ISLANDS", "VI" }, { "US VIRGIN ISLANDS", "VI" },
	{ "FEDERATED STATES OF MICRONESIA", "FM" },
	{ "MARSHALL ISLANDS", "MH" }, { "PALAU", "PW" },
	{ "ARMED FORCES AMERICAS", "AA" }, { "ARMED FORCES EUROPE", "AE" },
	{ "ARMED FORCES AFRICA", "AE" }, { "ARMED FORCES CANADA", "AE" },
	{ "ARMED FORCES MIDDLE EAST", "AE" }, { "ARMED FORCES PACIFIC", "AP" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The longest form in any table, with room to spare; longer words match
 * nothing, so fold() may refuse them. */
#define WORD_MAX 64

/* Upper-cases s into out, dropping periods and turning commas and runs of
 * white space into one space, so "Ave.", " north  east" and "Washington,
 * D.C." match; -1 when it does not fit. */
static int fold(const char *s, char *out, size_t size)
{
	size_t n = 0;
	int space = 0;

	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '.')
			continue;
		if (isspace(c) || c == ',') {
			space = n > 0;
			continue;
		}
		if (n + space + 2 > size)
			return -1;
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = toupper(c);
	}
	out[n] = '\0';
	return 0;
}

static int suffix_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct suffix *)elem)->form);
}

const char *address_suffix_abbrev(const char *word)
{
	char w[WORD_MAX];
	const struct suffix *s;
	size_t i;

	if (!word || fold(word, w, sizeof(w)) < 0)
		return NULL;
	s = bsearch(w, suffixes, COUNT(suffixes), sizeof(*s), suffix_cmp);
	if (s)
		return s->abbrev;
	for (i = 0; i < COUNT(primaries); i++)
		if (strcmp(w, primaries[i].form) == 0)
			return primaries[i].abbrev;
	/* A standard abbreviation that is not also a listed form ("ML"). */
	for (i = 0; i < COUNT(suffixes); i++)
		if (strcmp(w, suffixes[i].abbrev) == 0)
			return suffixes[i].abbrev;
	return NULL;
}

static const struct unit *unit_find(const char *word)
{
	char w[WORD_MAX];
	size_t i;

	if (!word || fold(word, w, sizeof(w)) < 0)
		return NULL;
	for (i = 0; i < COUNT(units); i++)
		if (!strcmp(w, units[i].name) || !strcmp(w, units[i].abbrev))
			return &units[i];
	return NULL;
}

static int is_pound(const char *word)
{
	return word && strcmp(word, "#") == 0;
}

const char *address_unit_abbrev(const char *word)
{
	const struct unit *u = unit_find(word);

	if (u)
		return u->abbrev;
	return is_pound(word) ? "#" : NULL;
}

int address_unit_needs_range(const char *word)
{
	const struct unit *u = unit_find(word);

	if (u)
		return u->needs_range;
	return is_pound(word) ? 1 : -1;
}

/* The code of name or code in table, a static string, or NULL. */
static const char *pair_find(const struct pair *table, size_t n,
			     const char *word)
{
	char w[WORD_MAX];
	size_t i;

	if (!word || fold(word, w, sizeof(w)) < 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (!strcmp(w, table[i].name) || !strcmp(w, table[i].code))
			return table[i].code;
	return NULL;
}

const char *address_directional_abbrev(const char *word)
{
	return pair_find(directionals, COUNT(directionals), word);
}

const char *address_state_code(const char *name)
{
	return pair_find(states, COUNT(states), name);
}

size_t address_suffix_count(void)
{
	return COUNT(suffixes);
}

size_t address_unit_count(void)
{
	return COUNT(units);
}
