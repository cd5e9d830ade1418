#include "forcegen/eligibility.hpp"

#include <algorithm>
#include <optional>

#include "geo/distance.hpp"

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
      return "too close to the line of contact";
    case Reason::country:
      return "host country excluded by caveat";
    case Reason::availability:
      return "not available in the period";
    case Reason::readiness:
      return "readiness too slow";
    case Reason::unknown_reference:
      return "unknown nation or site";
  }
  return "?";
}

Eligibility::Eligibility(const Scenario& scenario) : scenario_(scenario), calendar_(scenario) {
  for (const auto& site : scenario.sites) {
    sites_.emplace(site.id, &site);
    site_distance_km_[site.id] =
        geo::distance_to_line_km(scenario.line_of_contact, site.lat, site.lon);
  }
  for (const auto& nation : scenario.nations) nations_.emplace(nation.code, &nation);
  for (const auto& capability : scenario.capabilities)
    capabilities_.emplace(capability.id, &capability);
  for (const auto& condition : scenario.conditions)
    condition_holds_.emplace(condition.id, condition.holds);
  for (std::size_t i = 0; i < scenario.requirements.size(); ++i)
    lines_by_capability_[scenario.requirements[i].capability].push_back(int(i));
  for (std::size_t p = 0; p < scenario.pledges.size(); ++p)
    pledges_by_capability_[scenario.pledges[p].capability].push_back(int(p));
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
  auto it = site_distance_km_.find(site);
  return it == site_distance_km_.end() ? 0.0 : it->second;
}

namespace {
bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// One caveat set against one site and domain.
CaveatVerdict check(const Caveats& caveats, Domain domain, const Site& site, double distance_km,
                    bool national) {
  auto no = [&](Reason reason, const char* key) { return CaveatVerdict{reason, national, key}; };
  if (!caveats.domains.empty() &&
      std::find(caveats.domains.begin(), caveats.domains.end(), domain) == caveats.domains.end())
    return no(Reason::domain, "domains");
  if (caveats.min_distance_km && distance_km < *caveats.min_distance_km)
    return no(Reason::distance, "min_distance_km");
  if (!caveats.countries.empty() && !contains(caveats.countries, site.country))
    return no(Reason::country, "countries");
  if (contains(caveats.exclude_countries, site.country))
    return no(Reason::country, "exclude_countries");
  return {};
}
}  // namespace

Reason Eligibility::pledge_usable(const Pledge& pledge) const {
  const Nation* nation = this->nation(pledge.nation);
  if (!nation) return Reason::unknown_reference;
  const Statement* statement = statement_as_of(*nation, scenario_.as_of);
  Position position =
      statement ? statement->position
                : (nation->participant ? Position::undisclosed : Position::non_participant);
  if (!position_allows_pledges(position)) return Reason::position;
  for (const auto* caveats : {&nation->caveats, &pledge.caveats})
    for (const auto& id : caveats->conditions) {
      auto condition = condition_holds_.find(id);
      if (condition == condition_holds_.end() || !condition->second) return Reason::condition;
    }
  if (calendar_.tours(pledge).empty()) return Reason::availability;
  return Reason::eligible;
}

CaveatVerdict Eligibility::caveat_verdict(const Pledge& pledge,
                                          const Requirement& requirement) const {
  if (pledge.capability != requirement.capability) return {Reason::capability, false, ""};
  const Capability* capability = this->capability(pledge.capability);
  const Site* site = this->site(requirement.site);
  const Nation* nation = this->nation(pledge.nation);
  if (!capability || !site || !nation) return {Reason::unknown_reference, false, ""};
  double distance = site_distance_km(site->id);
  CaveatVerdict national = check(nation->caveats, capability->domain, *site, distance, true);
  if (national.reason != Reason::eligible) return national;
  return check(pledge.caveats, capability->domain, *site, distance, false);
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

std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario) {
  return unsatisfiable_caveats(scenario, scenario.pledges, "pledges");
}

std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario,
                                              const std::vector<Pledge>& pledges,
                                              const std::string& path) {
  Eligibility eligibility(scenario);
  std::vector<Diagnostic> out;
  for (const auto& pledge : pledges) {
    const Nation* nation = scenario.find_nation(pledge.nation);
    if (!nation) continue;  // an unknown nation is its own error
    std::optional<CaveatVerdict> first_refusal;
    bool allowed = false;
    for (const auto& requirement : scenario.requirements) {
      if (requirement.capability != pledge.capability || !scenario.find_site(requirement.site))
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
             " (" + to_string(first_refusal->reason) + ")"});
  }
  return out;
}

}  // namespace reassure::forcegen
