#include "forcegen/eligibility.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "geo/atlas.hpp"

namespace reassure::forcegen {

std::string to_string(Reason reason) {
  switch (reason) {
    case Reason::eligible:
      return "eligible";
    case Reason::position:
      return "nation's position allows no pledges";
    case Reason::condition:
      return "a condition does not hold";
    case Reason::capability:
      return "other capability";
    case Reason::domain:
      return "domain caveat";
    case Reason::distance:
      return "distance caveat";
    case Reason::country:
      return "host country excluded by caveat";
    case Reason::availability:
      return "not available in the period";
    case Reason::readiness:
      return "readiness too slow";
    case Reason::unknown_reference:
      return "unknown nation or site";
    case Reason::zone:
      return "zone caveat";
    case Reason::site:
      return "site not allowed by caveat";
  }
  return "?";
}

std::string code(Reason reason) {
  switch (reason) {
    case Reason::eligible:
      return "eligible";
    case Reason::position:
      return "position";
    case Reason::condition:
      return "condition";
    case Reason::capability:
      return "capability";
    case Reason::domain:
      return "domain";
    case Reason::distance:
      return "distance";
    case Reason::country:
      return "country";
    case Reason::availability:
      return "availability";
    case Reason::readiness:
      return "readiness";
    case Reason::unknown_reference:
      return "unknown_reference";
    case Reason::zone:
      return "zone";
    case Reason::site:
      return "site";
  }
  return "?";
}

Eligibility::Eligibility(const Scenario& scenario, geo::ShapeLibrary* shapes)
    : scenario_(scenario),
      calendar_(scenario),
      nations_(scenario.nations, &Nation::code),
      sites_(scenario.sites, &Site::id),
      capabilities_(scenario.capabilities, &Capability::id),
      conditions_(scenario.conditions, &Condition::id) {
  PositionIndex positions(scenario);
  for (const auto& nation : scenario.nations) {
    const Position* position = positions.of(nation, scenario.as_of);
    may_pledge_.emplace(nation.code, position && position->may_pledge);
  }
  for (std::size_t i = 0; i < scenario.requirements.size(); ++i)
    lines_by_capability_[scenario.requirements[i].capability].push_back(int(i));
  for (std::size_t p = 0; p < scenario.pledges.size(); ++p)
    pledges_by_capability_[scenario.pledges[p].capability].push_back(int(p));
  compute_site_facts(shapes);
}

void Eligibility::compute_site_facts(geo::ShapeLibrary* shapes) {
  // Only the geometries and zones some caveat names are measured, each once per site.
  auto note = [](std::unordered_map<std::string, int>& index, const std::string& id) {
    index.emplace(id, int(index.size()));
  };
  auto gather = [&](const Caveats& c) {
    if (c.min_distance_km) note(from_index_, kContactLine);
    for (const auto& d : c.distances) note(from_index_, d.from);
    for (const auto& z : c.zones) note(zone_index_, z);
    for (const auto& z : c.exclude_zones) note(zone_index_, z);
  };
  for (const auto& nation : scenario_.nations) gather(nation.caveats);
  for (const auto& pledge : scenario_.pledges) gather(pledge.caveats);
  if (from_index_.empty() && zone_index_.empty()) return;
  geo::Atlas atlas(scenario_, shapes);
  for (const auto& site : scenario_.sites) {
    SiteFacts& facts = site_facts_[site.id];
    facts.distance_km.resize(from_index_.size());
    facts.in_zone.resize(zone_index_.size());
    for (const auto& [from, i] : from_index_)
      facts.distance_km[std::size_t(i)] = atlas.distance_km(from, site.lat, site.lon);
    for (const auto& [zone, i] : zone_index_)
      facts.in_zone[std::size_t(i)] = atlas.in_zone(zone, site.lat, site.lon);
  }
}

namespace {
const std::vector<int>& lookup(const std::unordered_map<std::string, std::vector<int>>& index,
                               const std::string& key) {
  static const std::vector<int> none;
  auto it = index.find(key);
  return it == index.end() ? none : it->second;
}
}  // namespace

const std::vector<int>& Eligibility::lines_for(const std::string& capability) const {
  return lookup(lines_by_capability_, capability);
}

const std::vector<int>& Eligibility::pledges_for(const std::string& capability) const {
  return lookup(pledges_by_capability_, capability);
}

double Eligibility::site_distance_km(const std::string& site) const {
  auto facts = site_facts_.find(site);
  auto from = from_index_.find(kContactLine);
  if (facts == site_facts_.end() || from == from_index_.end()) return 0.0;
  return facts->second.distance_km[std::size_t(from->second)].value_or(0.0);
}

namespace {
bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string km(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f km", value);
  return text;
}
}  // namespace

std::string describe(const CaveatVerdict& verdict) {
  if (verdict.detail.empty()) return to_string(verdict.reason);
  return verdict.detail + " (caveat " + verdict.key + " of the " +
         (verdict.national ? "nation" : "pledge") + ")";
}

// One caveat set against one site and domain.
CaveatVerdict Eligibility::check(const Caveats& caveats, Domain domain, const Site& site,
                                 bool national) const {
  auto no = [&](Reason reason, const char* key) {
    return CaveatVerdict{reason, national, key, ""};
  };
  if (!caveats.domains.empty() &&
      std::find(caveats.domains.begin(), caveats.domains.end(), domain) == caveats.domains.end())
    return no(Reason::domain, "domains");
  if (!caveats.sites.empty() && !contains(caveats.sites, site.id)) {
    auto verdict = no(Reason::site, "sites");
    verdict.detail = "site " + site.id + " is not among the sites allowed";
    return verdict;
  }
  if (auto geometric = check_geometry(caveats, site, national);
      geometric.reason != Reason::eligible)
    return geometric;
  // A site held by another country than its own answers to both: an allow-list must allow
  // both, an exclusion of either refuses it (a plan never sends a unit where either is barred).
  std::vector<std::string> countries{site.country};
  if (!site.administered_by.empty()) countries.push_back(site.administered_by);
  for (const auto& country : countries) {
    if (!caveats.countries.empty() && !contains(caveats.countries, country))
      return no(Reason::country, "countries");
    if (contains(caveats.exclude_countries, country))
      return no(Reason::country, "exclude_countries");
  }
  return {};
}

// Distances and zones. A caveat naming a geometry or zone that cannot be measured refuses the
// site: a missing geometry must never let every site pass.
CaveatVerdict Eligibility::check_geometry(const Caveats& caveats, const Site& site,
                                          bool national) const {
  auto facts = site_facts_.find(site.id);
  auto distance = [&](const std::string& from) -> std::optional<double> {
    auto i = from_index_.find(from);
    if (facts == site_facts_.end() || i == from_index_.end()) return std::nullopt;
    return facts->second.distance_km[std::size_t(i->second)];
  };
  auto in_zone = [&](const std::string& zone) -> std::optional<bool> {
    auto i = zone_index_.find(zone);
    if (facts == site_facts_.end() || i == zone_index_.end()) return std::nullopt;
    return facts->second.in_zone[std::size_t(i->second)];
  };
  auto refuse = [&](Reason reason, const std::string& key, const std::string& detail) {
    return CaveatVerdict{reason, national, key, detail};
  };
  auto measure = [&](const std::string& key, const std::string& from, std::optional<double> min,
                     std::optional<double> max) -> std::optional<CaveatVerdict> {
    auto d = distance(from);
    if (!d) return refuse(Reason::unknown_reference, key, "no geometry or site '" + from + "'");
    std::string name = from == kContactLine ? "the line of contact" : from;
    if (min && *d < *min)
      return refuse(Reason::distance, key,
                    "too close to " + name + ": site " + site.id + " is " + km(*d) +
                        " from it, less than " + km(*min));
    if (max && *d > *max)
      return refuse(Reason::distance, key,
                    "too far from " + name + ": site " + site.id + " is " + km(*d) +
                        " from it, more than " + km(*max));
    return std::nullopt;
  };
  if (caveats.min_distance_km)
    if (auto no = measure("min_distance_km", kContactLine, caveats.min_distance_km, std::nullopt))
      return *no;
  for (std::size_t i = 0; i < caveats.distances.size(); ++i) {
    const auto& d = caveats.distances[i];
    if (auto no = measure("distance", d.from, d.min_km, d.max_km)) return *no;
  }
  if (!caveats.zones.empty()) {
    bool inside = false;
    for (const auto& zone : caveats.zones) {
      auto in = in_zone(zone);
      if (!in) return refuse(Reason::unknown_reference, "zones", "zone '" + zone + "' unusable");
      inside = inside || *in;
    }
    if (!inside)
      return refuse(Reason::zone, "zones", "site " + site.id + " is in none of the zones allowed");
  }
  for (const auto& zone : caveats.exclude_zones) {
    auto in = in_zone(zone);
    if (!in)
      return refuse(Reason::unknown_reference, "exclude_zones", "zone '" + zone + "' unusable");
    if (*in)
      return refuse(Reason::zone, "exclude_zones", "site " + site.id + " is inside zone " + zone);
  }
  return {};
}

Reason Eligibility::pledge_usable(const Pledge& pledge) const {
  const Nation* nation = this->nation(pledge.nation);
  if (!nation) return Reason::unknown_reference;
  if (!may_pledge_.at(nation->code)) return Reason::position;
  for (const auto* caveats : {&nation->caveats, &pledge.caveats})
    for (const auto& id : caveats->conditions) {
      const Condition* condition = conditions_.find(id);
      if (!condition || !condition->holds) return Reason::condition;
    }
  if (calendar_.tours(pledge).empty()) return Reason::availability;
  return Reason::eligible;
}

CaveatVerdict Eligibility::caveat_verdict(const Pledge& pledge,
                                          const Requirement& requirement) const {
  if (pledge.capability != requirement.capability) return {Reason::capability, false, "", ""};
  const Capability* capability = this->capability(pledge.capability);
  const Site* site = this->site(requirement.site);
  const Nation* nation = this->nation(pledge.nation);
  if (!capability || !site || !nation) return {Reason::unknown_reference, false, "", ""};
  CaveatVerdict national = check(nation->caveats, capability->domain, *site, true);
  if (national.reason != Reason::eligible) return national;
  return check(pledge.caveats, capability->domain, *site, false);
}

Reason Eligibility::why_not(const Pledge& pledge, const Requirement& requirement,
                            int rotation) const {
  Reason why = Reason::eligible;
  auto served = rotations(pledge, requirement, &why);
  if (served.empty()) return why;
  if (std::find(served.begin(), served.end(), rotation) != served.end()) return Reason::eligible;
  // A tour starting in the rotation that lacked the notice, or no tour there at all.
  for (const auto& tour : calendar_.tours(pledge))
    if (calendar_.rotation_of(tour.start) == rotation &&
        pledge.readiness_days > calendar_.notice_days(requirement, tour.start))
      return Reason::readiness;
  return Reason::availability;
}

std::vector<int> Eligibility::rotations(const Pledge& pledge, const Requirement& requirement,
                                        Reason* why) const {
  if (Reason r = pledge_usable(pledge); r != Reason::eligible) {
    if (why) *why = r;
    return {};
  }
  return served_rotations(pledge, requirement, why);
}

std::vector<int> Eligibility::served_rotations(const Pledge& pledge, const Requirement& requirement,
                                               Reason* why) const {
  std::vector<int> result;
  for (const auto& service : services(pledge, requirement, why)) {
    int rotation = calendar_.rotation_of(service.tour.start);
    if (result.empty() || result.back() != rotation) result.push_back(rotation);
  }
  return result;
}

std::vector<Service> Eligibility::services(const Pledge& pledge, const Requirement& requirement,
                                           Reason* why) const {
  auto fail = [&](Reason reason) {
    if (why) *why = reason;
    return std::vector<Service>{};
  };
  if (Reason r = caveats_allow(pledge, requirement); r != Reason::eligible) return fail(r);
  auto [first, end] = calendar_.line_steps(requirement);
  std::vector<Service> result;
  bool slow = false;
  for (const auto& tour : calendar_.tours(pledge)) {
    int served = std::min(end, tour.start + tour.length) - std::max(first, tour.start);
    if (served <= 0) continue;
    // Readiness counts the days from the plan date (or the line's call-up) to the tour.
    if (pledge.readiness_days > calendar_.notice_days(requirement, tour.start)) {
      slow = true;
      continue;
    }
    result.push_back({tour, served});
  }
  if (result.empty()) return fail(slow ? Reason::readiness : Reason::availability);
  if (why) *why = Reason::eligible;
  return result;
}

std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario, geo::ShapeLibrary* shapes) {
  return unsatisfiable_caveats(scenario, scenario.pledges, "pledges", shapes);
}

std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario,
                                              const std::vector<Pledge>& pledges,
                                              const std::string& path, geo::ShapeLibrary* shapes) {
  Eligibility eligibility(scenario, shapes);
  std::vector<Diagnostic> out;
  for (const auto& pledge : pledges) {
    const Nation* nation = eligibility.nation(pledge.nation);
    if (!nation) continue;  // an unknown nation is its own error
    std::optional<CaveatVerdict> first_refusal;
    bool allowed = false;
    for (const auto& requirement : scenario.requirements) {
      if (requirement.capability != pledge.capability || !eligibility.site(requirement.site))
        continue;
      auto verdict = eligibility.caveat_verdict(pledge, requirement);
      if (verdict.reason == Reason::eligible) {
        allowed = true;
        break;
      }
      if (!first_refusal) first_refusal = verdict;
    }
    if (allowed || !first_refusal) continue;
    const Located& owner = first_refusal->national ? static_cast<const Located&>(*nation) : pledge;
    std::string field = first_refusal->national ? "nations[" + nation->code + "].caveats"
                                                : path + "[" + pledge.id + "].caveats";
    out.push_back(
        {owner.at(first_refusal->key), field + "." + first_refusal->key,
         "no requirement for capability '" + pledge.capability +
             "' could ever satisfy the caveats of " +
             (first_refusal->national ? "nation " + nation->code + " (pledge " + pledge.id + ")"
                                      : std::string("this pledge")) +
             " (" + describe(*first_refusal) + ")"});
  }
  return out;
}

}  // namespace reassure::forcegen
