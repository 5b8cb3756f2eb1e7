/* SPDX-License-Identifier: MIT */
/* Distances on the Earth between WGS 84 coordinates: the haversine
 * great-circle formula on a sphere of the mean radius. */
#ifndef BIRDDOG_GEO_H
#define BIRDDOG_GEO_H

#define GEO_EARTH_RADIUS_MI 3958.8

/* Miles between two points in degrees. */
double geo_miles(double lat1, double lon1, double lat2, double lon2);

/* 1 when lat and lon are finite, in range (-90..90, -180..180) and not
 * both 0, the "no coordinates" that exports write as a position. */
int geo_valid(double lat, double lon);

#endif
