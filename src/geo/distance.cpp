#include "geo/distance.hpp"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/Gnomonic.hpp>
#include <algorithm>
#include <cmath>

namespace reassure::geo {

namespace {
const GeographicLib::Geodesic& wgs84() {
  return GeographicLib::Geodesic::WGS84();
}
}  // namespace

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  double metres = 0;
  wgs84().Inverse(lat1, lon1, lat2, lon2, metres);
  return metres / 1000.0;
}

double distance_to_segment_km(double lat, double lon, double lat_a, double lon_a, double lat_b,
                              double lon_b) {
  double endpoints =
      std::min(distance_km(lat, lon, lat_a, lon_a), distance_km(lat, lon, lat_b, lon_b));
  // Start at the segment's midpoint.
  double s12 = 0, azi1 = 0, azi2 = 0;
  wgs84().Inverse(lat_a, lon_a, lat_b, lon_b, s12, azi1, azi2);
  if (s12 < 1.0) return endpoints;
  double lat0 = 0, lon0 = 0;
  wgs84().Direct(lat_a, lon_a, azi1, s12 / 2, lat0, lon0);

  const GeographicLib::Gnomonic gnomonic(wgs84());
  for (int iteration = 0; iteration < 12; ++iteration) {
    double xa, ya, xb, yb, xp, yp;
    gnomonic.Forward(lat0, lon0, lat_a, lon_a, xa, ya);
    gnomonic.Forward(lat0, lon0, lat_b, lon_b, xb, yb);
    gnomonic.Forward(lat0, lon0, lat, lon, xp, yp);
    if (!std::isfinite(xa + ya + xb + yb + xp + yp)) break;  // beyond the projection's hemisphere
    double dx = xb - xa, dy = yb - ya;
    double t = std::clamp(((xp - xa) * dx + (yp - ya) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
    double lat1, lon1;
    gnomonic.Reverse(lat0, lon0, xa + t * dx, ya + t * dy, lat1, lon1);
    if (!std::isfinite(lat1 + lon1)) break;
    bool converged = distance_km(lat0, lon0, lat1, lon1) < 1e-6;
    lat0 = lat1;
    lon0 = lon1;
    if (converged) break;
  }
  return std::min(endpoints, distance_km(lat, lon, lat0, lon0));
}

}  // namespace reassure::geo
