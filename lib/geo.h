/* SPDX-License-Identifier: MIT */
/* Distances on the Earth between WGS 84 coordinates: the haversine
 * great-circle formula on a sphere of the mean radius. */
#ifndef BIRDDOG_GEO_H
#define BIRDDOG_GEO_H

#define GEO_EARTH_RADIUS_MI 3958.8

/* Miles between two points in degrees. */
double geo_miles(double lat1, double lon1, double lat2, double lon2);
/* The same with the cosines of the latitudes given (geo_cos), for a
 * caller that measures from one point to many: the same result. */
double geo_miles_cos(double lat1, double lon1, double cos1, double lat2, double lon2,
		     double cos2);
/* cos(lat) as geo_miles takes it. */
double geo_cos(double lat);

/* 1 when lat and lon are finite, in range (-90..90, -180..180) and not
 * both 0, the "no coordinates" that exports write as a position. */
int geo_valid(double lat, double lon);

#endif
