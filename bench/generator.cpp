#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <vector>

namespace reassure::bench {

// The defaults of GeneratorParams are the large instance of the issue: 40 nations, 5,000
// pledges, 2,000 requirement lines, 8 rotations, 200 sites.
GeneratorParams large_params() {
  GeneratorParams p;
  p.name = "large";
  return p;
}

GeneratorParams medium_params() {
  GeneratorParams p;
  p.name = "medium";
  p.pledges = 500;
  p.requirements = 200;
  return p;
}

GeneratorParams staggered_params() {
  GeneratorParams p = medium_params();
  p.name = "staggered";
  p.staggered = 0.2;
  return p;
}

GeneratorParams large_staggered_params() {
  GeneratorParams p = large_params();
  p.name = "large-staggered";
  p.staggered = 0.15;
  return p;
}

GeneratorParams network_params() {
  GeneratorParams p = large_params();
  p.name = "network";
  p.network_only = true;
  return p;
}

namespace {

// Draws from std::mt19937_64 with our own arithmetic (the standard distributions differ
// between standard libraries), so that a seed gives the same scenario everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double real() { return double(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
  int uniform(int lo, int hi) { return lo + int(engine_() % std::uint64_t(hi - lo + 1)); }
  bool chance(double p) { return real() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[std::size_t(uniform(0, int(items.size()) - 1))];
  }
  int weighted(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = real() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (u < weights[i]) return int(i);
      u -= weights[i];
    }
    return int(weights.size()) - 1;
  }

 private:
  std::mt19937_64 engine_;
};

struct CapabilitySpec {
  const char* id;
  const char* name;
  Domain domain;
  int personnel;
  double weight;  // share of demand and, before the supply multiplier, of pledges
};

const std::vector<CapabilitySpec>& capability_specs() {
  static const std::vector<CapabilitySpec> specs = {
      {"mech-inf-coy", "Mechanised infantry company", Domain::land, 150, 3.0},
      {"armour-sqn", "Armoured squadron", Domain::land, 90, 1.2},
      {"artillery-bty", "Artillery battery", Domain::land, 110, 1.0},
      {"engineer-coy", "Engineer company", Domain::land, 140, 1.5},
      {"gbad-bty", "Ground-based air defence battery", Domain::land, 80, 1.3},
      {"recce-troop", "Reconnaissance troop", Domain::land, 40, 1.2},
      {"mp-platoon", "Military police platoon", Domain::land, 35, 1.0},
      {"cbrn-platoon", "CBRN defence platoon", Domain::land, 30, 0.6},
      {"mcm-vessel", "Mine countermeasures vessel", Domain::sea, 45, 1.2},
      {"frigate", "Frigate", Domain::sea, 180, 0.6},
      {"patrol-boat", "Patrol boat", Domain::sea, 25, 0.8},
      {"diving-team", "Clearance diving team", Domain::sea, 12, 0.7},
      {"fighter-det", "Fighter detachment (air policing)", Domain::air, 60, 1.0},
      {"tanker-det", "Air-to-air refuelling detachment", Domain::air, 40, 0.5},
      {"awacs-det", "Airborne early warning detachment", Domain::air, 50, 0.4},
      {"airlift-det", "Tactical airlift detachment", Domain::air, 45, 0.8},
      {"isr-uav-det", "ISR drone detachment", Domain::air, 30, 0.9},
      {"monitor-team", "Ceasefire monitoring team", Domain::monitoring, 12, 1.5},
      {"observer-platoon", "Observer platoon", Domain::monitoring, 30, 0.8},
      {"uav-monitor-team", "Drone monitoring team", Domain::monitoring, 15, 0.9},
      {"training-team", "Training team (AFU)", Domain::training, 25, 1.6},
      {"instructor-cell", "Specialist instructor cell", Domain::training, 10, 1.0},
      {"medical-training-team", "Combat medical training team", Domain::training, 15, 0.7},
      {"demining-training-team", "Demining training team", Domain::training, 20, 0.7},
      {"transport-coy", "Transport company", Domain::logistics, 120, 1.2},
      {"supply-platoon", "Supply platoon", Domain::logistics, 40, 1.0},
      {"maintenance-platoon", "Maintenance platoon", Domain::logistics, 45, 0.9},
      {"fuel-platoon", "Fuel platoon", Domain::logistics, 35, 0.6},
      {"hq-staff-cell", "Headquarters staff cell", Domain::enablers, 30, 1.0},
      {"role2-medical", "Role 2 medical facility", Domain::enablers, 70, 0.8},
      {"signals-platoon", "Signals platoon", Domain::enablers, 40, 0.8},
      {"eod-team", "Explosive ordnance disposal team", Domain::enablers, 10, 1.0},
  };
  return specs;
}

struct Anchor {
  const char* name;
  const char* country;
  double lat, lon;
  double weight;      // share of the sites around it
  double jitter;      // degrees
  const char* kinds;  // comma-separated site kinds found there
};

// Places the force could be based at, from the front-line oblasts of eastern Ukraine to the
// hubs in Poland and Romania. Sites are scattered around them.
const std::vector<Anchor>& anchors() {
  static const std::vector<Anchor> list = {
      // Eastern Ukraine, within ~200 km of the line: where distance caveats bite.
      {"Kramatorsk", "UA", 48.72, 37.40, 1.2, 0.10, "monitoring,hub"},
      {"Sloviansk", "UA", 48.85, 37.45, 0.8, 0.10, "monitoring,hub"},
      {"Izium", "UA", 49.21, 37.10, 0.6, 0.10, "monitoring"},
      {"Kharkiv", "UA", 49.99, 36.23, 2.0, 0.20, "hub,monitoring,airbase"},
      {"Pavlohrad", "UA", 48.53, 35.87, 1.0, 0.15, "hub,monitoring"},
      {"Zaporizhzhia", "UA", 47.84, 35.10, 1.5, 0.12, "hub,monitoring"},
      {"Dnipro", "UA", 48.46, 35.04, 2.5, 0.20, "hub,airbase,training"},
      {"Kryvyi Rih", "UA", 47.91, 33.39, 1.2, 0.20, "hub,training"},
      {"Kherson", "UA", 46.70, 32.55, 0.8, 0.08, "monitoring,port"},
      {"Mykolaiv", "UA", 46.97, 31.99, 1.3, 0.15, "port,hub"},
      {"Poltava", "UA", 49.59, 34.55, 1.5, 0.25, "hub,airbase,training"},
      {"Sumy", "UA", 50.91, 34.80, 0.8, 0.20, "monitoring,hub"},
      {"Chernihiv", "UA", 51.49, 31.29, 0.8, 0.25, "hub,monitoring"},
      // Central and western Ukraine.
      {"Kyiv", "UA", 50.45, 30.52, 3.0, 0.30, "hq,hub,airbase"},
      {"Vinnytsia", "UA", 49.23, 28.47, 1.2, 0.25, "hub,airbase,training"},
      {"Zhytomyr", "UA", 50.25, 28.66, 1.0, 0.25, "hub,training"},
      {"Cherkasy", "UA", 49.44, 32.06, 0.8, 0.25, "hub,training"},
      {"Kropyvnytskyi", "UA", 48.51, 32.26, 0.8, 0.25, "hub,training"},
      {"Khmelnytskyi", "UA", 49.42, 26.99, 0.8, 0.25, "hub,training,airbase"},
      {"Lviv", "UA", 49.84, 24.03, 2.0, 0.30, "hub,training,airbase"},
      {"Rivne", "UA", 50.62, 26.25, 0.8, 0.25, "hub,training"},
      {"Lutsk", "UA", 50.75, 25.34, 0.6, 0.25, "hub,training"},
      {"Ivano-Frankivsk", "UA", 48.92, 24.71, 0.8, 0.25, "hub,airbase,training"},
      {"Uzhhorod", "UA", 48.62, 22.29, 0.5, 0.15, "hub,training"},
      {"Odesa", "UA", 46.48, 30.72, 2.0, 0.15, "port,hub,airbase"},
      {"Chornomorsk", "UA", 46.30, 30.65, 0.6, 0.05, "port"},
      {"Izmail", "UA", 45.35, 28.84, 0.6, 0.08, "port,hub"},
      // Poland.
      {"Rzeszow", "PL", 50.04, 22.00, 2.0, 0.20, "hub,airbase,hq"},
      {"Przemysl", "PL", 49.78, 22.77, 0.8, 0.15, "hub,training"},
      {"Lublin", "PL", 51.25, 22.57, 1.0, 0.25, "hub,training"},
      {"Warsaw", "PL", 52.23, 21.01, 1.0, 0.25, "hq,hub,airbase"},
      {"Krakow", "PL", 50.06, 19.94, 0.6, 0.25, "hub,training"},
      // Romania, the Black Sea and neighbours.
      {"Constanta", "RO", 44.17, 28.63, 1.5, 0.08, "port,hub"},
      {"Mihail Kogalniceanu", "RO", 44.36, 28.49, 1.0, 0.05, "airbase,hub"},
      {"Mangalia", "RO", 43.82, 28.58, 0.5, 0.05, "port"},
      {"Galati", "RO", 45.44, 28.05, 0.6, 0.10, "port,hub"},
      {"Iasi", "RO", 47.16, 27.59, 0.8, 0.20, "hub,training"},
      {"Bucharest", "RO", 44.43, 26.10, 0.8, 0.20, "hq,hub,airbase"},
      {"Kosice", "SK", 48.72, 21.26, 0.6, 0.20, "hub,airbase"},
      {"Chisinau", "MD", 47.01, 28.86, 0.6, 0.15, "hub,monitoring"},
      {"Varna", "BG", 43.21, 27.91, 0.5, 0.08, "port,airbase"},
  };
  return list;
}

// Kinds of site a requirement of the domain prefers.
std::vector<std::string> preferred_kinds(Domain domain) {
  switch (domain) {
    case Domain::sea:
      return {"port"};
    case Domain::air:
      return {"airbase"};
    case Domain::monitoring:
      return {"monitoring"};
    case Domain::training:
      return {"training"};
    case Domain::enablers:
      return {"hq", "hub"};
    default:
      return {"hub"};
  }
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// An illustrative line of contact, north to south, roughly where the default scenario's
// hand-drawn trace runs; jittered by the seed so that it is synthetic. (lat, lon).
std::vector<std::pair<double, double>> line_of_contact(Random& random) {
  const std::vector<std::pair<double, double>> base = {
      {50.29, 36.94}, {50.10, 37.30}, {49.93, 37.55}, {49.71, 37.62}, {49.40, 37.80},
      {49.12, 37.88}, {48.85, 38.05}, {48.60, 37.95}, {48.45, 37.75}, {48.28, 37.20},
      {48.05, 36.95}, {47.80, 37.25}, {47.80, 36.80}, {47.66, 36.26}, {47.45, 35.84},
      {47.50, 35.37}, {47.52, 34.55}, {47.20, 34.00}, {46.77, 33.37}, {46.70, 32.90},
      {46.61, 32.62}, {46.52, 32.30}, {46.50, 32.00}};
  std::vector<std::pair<double, double>> line;
  for (auto [lat, lon] : base)
    line.emplace_back(lat + 0.04 * (random.real() - 0.5), lon + 0.04 * (random.real() - 0.5));
  return line;
}

const char* const kNationCodes[] = {"GB", "FR", "DE", "IT", "PL", "ES", "NL", "CA", "TR", "SE",
                                    "NO", "DK", "FI", "BE", "RO", "CZ", "PT", "AU", "EE", "LV",
                                    "LT", "GR", "AT", "IE", "HR", "SK", "SI", "BG", "LU", "IS",
                                    "NZ", "JP", "AL", "MK", "ME", "CY", "MT", "MD", "US", "UA"};

Date date(const char* iso) {
  return *Date::parse(iso);
}

std::string padded(const char* prefix, int n, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%s%0*d", prefix, width, n);
  return text;
}

}  // namespace

Scenario generate(const GeneratorParams& params) {
  Random random(params.seed);
  const int rotations = std::max(1, params.rotations);
  Scenario s;
  s.name = params.name;
  s.description = "synthetic coalition for the benchmarks (seed " + std::to_string(params.seed) +
                  ", " + std::to_string(params.nations) + " nations, " +
                  std::to_string(params.pledges) + " pledges, " +
                  std::to_string(params.requirements) + " requirement lines, " +
                  std::to_string(rotations) + " rotations" +
                  (params.network_only ? ", every recovery 0" : "") + ")";
  s.file = "<generated:" + params.name + ">";
  s.as_of = date("2026-01-06");
  s.mission.start = date("2026-06-01");
  s.mission.rotation_months = 6;
  s.mission.rotations = rotations;
  Geometry line;
  line.id = kContactLine;
  line.lines = {line_of_contact(random)};
  line.label = "synthetic line of contact";
  line.source = "bench/generator.cpp";
  s.geometries.push_back(line);

  // Conditions: most hold in the base case, two do not.
  const std::vector<std::pair<const char*, bool>> conditions = {
      {"ceasefire-in-force", true}, {"us-backstop", true},         {"parliament-vote", true},
      {"coalition-mandate", true},  {"host-nation-sofa", true},    {"air-cover", true},
      {"un-mandate", false},        {"government-decision", false}};
  for (auto [id, holds] : conditions) {
    Condition c;
    c.id = id;
    c.description = std::string("synthetic condition ") + id;
    c.holds = holds;
    s.conditions.push_back(c);
  }
  std::vector<std::string> condition_ids;
  for (auto& c : s.conditions) condition_ids.push_back(c.id);

  // Capabilities.
  const auto& specs = capability_specs();
  for (const auto& spec : specs) {
    Capability c;
    c.id = spec.id;
    c.name = spec.name;
    c.domain = spec.domain;
    c.personnel = spec.personnel;
    s.capabilities.push_back(c);
  }
  // Some capabilities are over-offered, some short: the supply multiplier per capability.
  std::vector<double> supply_weight, demand_weight;
  for (const auto& spec : specs) {
    demand_weight.push_back(spec.weight);
    supply_weight.push_back(spec.weight * (0.55 + 0.9 * random.real()));
  }

  // Sites: one around every anchor, the rest in proportion to the anchors' weights.
  const auto& places = anchors();
  std::vector<double> anchor_weight;
  for (const auto& a : places) anchor_weight.push_back(a.weight);
  std::map<std::string, std::vector<int>> sites_of_kind;
  for (int i = 0; i < params.sites; ++i) {
    int a = i < int(places.size()) ? i : random.weighted(anchor_weight);
    const Anchor& anchor = places[std::size_t(a)];
    Site site;
    site.id = padded("S", i + 1, 3);
    auto kinds = split(anchor.kinds);
    site.kind = random.pick(kinds);
    site.name = std::string(anchor.name) + " " + site.kind + " " + std::to_string(i + 1);
    site.country = anchor.country;
    site.lat = anchor.lat + anchor.jitter * (2 * random.real() - 1);
    site.lon = anchor.lon + anchor.jitter * (2 * random.real() - 1);
    site.source = "synthetic";
    sites_of_kind[site.kind].push_back(i);
    s.sites.push_back(site);
  }

  // The positions the synthetic coalition uses, with the default scenario's meanings.
  auto position = [&](const char* id, Standing coalition, bool may_pledge, bool committed,
                      std::optional<DefaultRole> default_for = {}) {
    Position p;
    p.id = p.label = id;
    p.coalition = coalition;
    p.may_pledge = may_pledge;
    p.committed = committed;
    p.default_for = default_for;
    s.positions.push_back(p);
  };
  position("committed", Standing::participant, true, true);
  position("conditional", Standing::participant, true, false);
  position("monitoring-only", Standing::participant, true, false);
  position("support-only", Standing::participant, true, false);
  position("undecided", Standing::participant, false, false);
  position("declined", Standing::participant, false, false);
  position("undisclosed", Standing::participant, false, false,
           DefaultRole::participant_without_statement);
  position("host", Standing::participant, true, false);
  position("backstop-unclear", Standing::outside, true, false);
  position("non-participant", Standing::outside, false, false,
           DefaultRole::stakeholder_without_statement);
  position("former-participant", Standing::former_participant, false, false,
           DefaultRole::leaving_nation);

  // Nations, their positions (dated statements) and national caveats.
  const std::vector<std::vector<Domain>> domain_sets = {
      {Domain::air},
      {Domain::sea},
      {Domain::air, Domain::sea},
      {Domain::training},
      {Domain::training, Domain::logistics},
      {Domain::monitoring, Domain::enablers},
      {Domain::land, Domain::logistics, Domain::enablers}};
  std::vector<double> nation_weight;
  for (int n = 0; n < params.nations; ++n) {
    Nation nation;
    const int named = int(std::size(kNationCodes));
    nation.code = n < named ? kNationCodes[n] : padded("X", n, 3);
    nation.name = "Nation " + nation.code;
    nation.participant = true;
    nation.membership_source = "synthetic";
    Statement early, current;
    early.date = date("2025-03-15");
    early.position = random.chance(0.5) ? "undecided" : "conditional";
    early.summary = "first statement";
    current.date = random.chance(0.5) ? date("2025-09-04") : date("2026-01-06");
    current.summary = "position at the summit";
    Caveats& caveats = nation.caveats;
    if (nation.code == "UA") {
      current.position = "host";
      caveats.domains = {Domain::logistics, Domain::enablers, Domain::training};
      caveats.countries = {"UA"};
    } else if (nation.code == "US") {
      current.position = "backstop-unclear";
      caveats.domains = {Domain::air, Domain::monitoring};
      caveats.conditions = {"us-backstop"};
      caveats.exclude_countries = {"UA"};
    } else {
      double u = random.real();
      if (u < 0.66) {
        current.position = "committed";
      } else if (u < 0.78) {
        current.position = "conditional";
      } else if (u < 0.83) {
        current.position = "support-only";
        caveats.domains = {Domain::training, Domain::logistics};
      } else if (u < 0.86) {
        current.position = "monitoring-only";
        caveats.domains = {Domain::monitoring};
      } else if (u < 0.93) {
        current.position = "declined";
      } else if (u < 0.97) {
        current.position = "undecided";
      } else {
        nation.participant = false;  // no statement: a stakeholder, not a participant
      }
      if (caveats.domains.empty() && random.chance(0.15))
        caveats.domains = random.pick(domain_sets);
      if (random.chance(0.5)) caveats.min_distance_km = 10.0 * random.uniform(5, 20);  // 50-200
      double c = random.real();
      if (c < 0.12)
        caveats.exclude_countries = {"UA"};  // neighbouring hubs only
      else if (c < 0.20)
        caveats.countries = {"UA", "PL"};
      else if (c < 0.26)
        caveats.exclude_countries = {"MD"};
      if (random.chance(0.15)) caveats.conditions = {random.pick(condition_ids)};
    }
    if (nation.participant) {
      if (random.chance(0.4)) nation.statements.push_back(early);
      nation.statements.push_back(current);
      // A statement after the plan date must be ignored.
      if (random.chance(0.05)) {
        Statement later;
        later.date = date("2026-02-20");
        later.position = "declined";
        later.summary = "after the plan date";
        nation.statements.push_back(later);
      }
    }
    // Large contributors first: a Zipf-like share of the pledges.
    nation_weight.push_back(1.0 / std::pow(double(n + 1), 0.7));
    s.nations.push_back(nation);
  }

  // Pledges.
  for (int i = 0; i < params.pledges; ++i) {
    int n = random.weighted(nation_weight);
    const Nation& nation = s.nations[std::size_t(n)];
    std::vector<double> weights = supply_weight;
    if (!nation.caveats.domains.empty() && random.chance(0.95))
      for (std::size_t c = 0; c < specs.size(); ++c)
        if (std::find(nation.caveats.domains.begin(), nation.caveats.domains.end(),
                      specs[c].domain) == nation.caveats.domains.end())
          weights[c] = 0;
    int c = random.weighted(weights);
    Pledge pledge;
    pledge.id = padded("P", i + 1, 5);
    pledge.nation = nation.code;
    pledge.capability = specs[std::size_t(c)].id;
    pledge.quantity = std::min(12, 1 + int(12 * std::pow(random.real(), 1.6)));  // 1-12, mean ~5
    double a = random.real();
    pledge.available_from = a < 0.78   ? 1
                            : a < 0.98 ? random.uniform(2, std::min(4, rotations))
                                       : rotations + 1;
    pledge.readiness_days = random.uniform(10, 120);
    double r = random.real();
    pledge.recovery_rotations = params.network_only ? 0 : r < 0.72 ? 2 : r < 0.90 ? 1 : 0;
    if (random.chance(0.08)) pledge.caveats.min_distance_km = 10.0 * random.uniform(3, 15);
    if (random.chance(0.05))
      pledge.caveats.exclude_countries = {random.pick(std::vector<std::string>{"MD", "RO", "PL"})};
    if (random.chance(0.10)) pledge.caveats.conditions = {random.pick(condition_ids)};
    if (params.staggered > 0 && random.chance(params.staggered)) {
      pledge.tour_months = random.pick(std::vector<int>{3, 4, 9, 12});
      pledge.first_day = s.mission.start.plus_months(random.uniform(0, 5));
      pledge.available_from = 1;
      pledge.recovery_rotations = random.uniform(0, 2);  // in its own tours
    }
    pledge.basis = Basis::assumption;
    pledge.source = "synthetic";
    s.pledges.push_back(pledge);
  }

  // Requirement lines.
  const std::vector<double> priority_weight = {0.10, 0.20, 0.35, 0.20, 0.15};
  for (int i = 0; i < params.requirements; ++i) {
    int c = random.weighted(demand_weight);
    const auto& spec = specs[std::size_t(c)];
    Requirement q;
    q.id = padded("R", i + 1, 5);
    q.capability = spec.id;
    q.quantity = std::min(10, 1 + int(10 * std::pow(random.real(), 1.4)));  // 1-10, mean ~5
    std::vector<int> candidates;
    if (random.chance(0.8))
      for (const auto& kind : preferred_kinds(spec.domain))
        for (int site : sites_of_kind[kind]) candidates.push_back(site);
    int site = candidates.empty() ? random.uniform(0, params.sites - 1) : random.pick(candidates);
    q.site = s.sites[std::size_t(site)].id;
    q.first_rotation = random.chance(0.55) ? 1 : random.uniform(1, rotations);
    if (random.chance(0.35)) q.last_rotation = random.uniform(q.first_rotation, rotations);
    q.priority = 1 + random.weighted(priority_weight);
    if (random.chance(0.25)) q.max_readiness_days = random.pick(std::vector<int>{30, 45, 60, 90});
    if (params.staggered > 0 && random.chance(params.staggered / 2)) {
      // A line added by a later agreement, or ending before its last rotation does.
      Date first = s.mission.rotation_start(q.first_rotation);
      if (random.chance(0.5))
        q.from_date = first.plus_months(random.uniform(1, 5));
      else
        q.to_date = s.mission.rotation_end(s.last_rotation(q)).plus_months(-random.uniform(1, 5));
      if (q.to_date && *q.to_date < first) q.to_date.reset();
    }
    q.basis = Basis::assumption;
    q.source = "synthetic";
    s.requirements.push_back(q);
  }
  return s;
}

std::string describe_scenario(const Scenario& s) {
  long long demand = 0, supply = 0, units = 0;
  for (const auto& q : s.requirements)
    demand += (long long)q.quantity * (s.last_rotation(q) - q.first_rotation + 1);
  for (const auto& p : s.pledges) {
    units += p.quantity;
    int span = s.mission.rotations - p.available_from + 1;
    if (span > 0)
      supply +=
          (long long)p.quantity * ((span + p.recovery_rotations) / (p.recovery_rotations + 1));
  }
  int with_distance = 0, committed = 0;
  PositionIndex positions(s);
  for (const auto& n : s.nations) {
    if (n.caveats.min_distance_km) ++with_distance;
    const Position* position = positions.of(n, s.as_of);
    if (position && position->may_pledge) ++committed;
  }
  char text[512];
  std::snprintf(text, sizeof text,
                "%zu nations (%d may pledge, %d with a distance caveat), %zu capabilities, "
                "%zu sites, %zu pledges (%lld units, at most %lld unit-rotations before caveats), "
                "%zu requirement lines (%lld unit-rotations demanded), %d rotations",
                s.nations.size(), committed, with_distance, s.capabilities.size(), s.sites.size(),
                s.pledges.size(), units, supply, s.requirements.size(), demand,
                s.mission.rotations);
  return text;
}

}  // namespace reassure::bench
