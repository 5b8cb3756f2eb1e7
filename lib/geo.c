/* SPDX-License-Identifier: MIT */
/* Haversine distances (see geo.h). The operations are written in the order
 * scripts/bench-peer-comps.py writes them, so both get the same doubles. */
#include "geo.h"

#include <math.h>

#define RADIANS (M_PI / 180.0)

double geo_cos(double lat)
{
	return cos(lat * RADIANS);
}

double geo_miles_cos(double lat1, double lon1, double cos1, double lat2, double lon2,
		     double cos2)
{
	double sdlat = sin((lat2 - lat1) * RADIANS / 2);
	double sdlon = sin((lon2 - lon1) * RADIANS / 2);
	double h = sdlat * sdlat + cos1 * cos2 * sdlon * sdlon;
	return 2 * GEO_EARTH_RADIUS_MI * asin(sqrt(h < 1 ? h : 1));
}

double geo_miles(double lat1, double lon1, double lat2, double lon2)
{
	return geo_miles_cos(lat1, lon1, geo_cos(lat1), lat2, lon2, geo_cos(lat2));
}

int geo_valid(double lat, double lon)
{
	return isfinite(lat) && isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180
		&& lon <= 180 && !(lat == 0 && lon == 0);
}
