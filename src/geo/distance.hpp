// Geodesic distances on the WGS84 ellipsoid (GeographicLib, Karney 2013).
#pragma once

namespace reassure::geo {

double distance_km(double lat1, double lon1, double lat2, double lon2);

// Shortest geodesic distance from a point to a geodesic segment A–B. Follows the gnomonic
// iteration in GeographicLib's documentation (Karney, "Algorithms for geodesics", 2013):
// in a gnomonic projection centred on the foot point, geodesics through it are straight, so
// re-centring on the planar foot converges to the true one in a few steps.
double distance_to_segment_km(double lat, double lon, double lat_a, double lon_a, double lat_b,
                              double lon_b);

}  // namespace reassure::geo
