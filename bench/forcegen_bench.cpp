// Benchmark of the force-generation solver on synthetic coalitions (docs/performance.md).
//
// For each instance the model is built once (build time reported on its own), then solved by
//   ours      solve(model) with default options: components, LEMON network simplex, CLP/CBC;
//   cbc-whole solve(model, {decompose = false}): the whole model to CBC as one MIP (the peer);
//   greedy    solve_greedy(model): the spreadsheet planner's baseline.
// Prints one BENCH line per comparison, each followed by a QUALITY line, and a MODEL line.
// Checks that ours >= greedy, and equals CBC wherever CBC proved optimality (MISMATCH
// otherwise, exit status 1).
//
//   forcegen_bench [--instances medium,large,large-staggered,network,staggered] [--cbc-limit 600]
//                  [--mip-limit 60] [--seed N] [--no-cbc] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sstream>
#include <string>
#include <vector>

#include "forcegen/eligibility.hpp"
#include "forcegen/model.hpp"
#include "forcegen/solve.hpp"
#include "generator.hpp"

using namespace reassure;
using namespace reassure::forcegen;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::vector<std::string> instances = {"medium", "large", "network", "staggered"};
  double cbc_limit = 600;
  double mip_limit = SolveOptions{}.time_limit_seconds;
  std::uint64_t seed = bench::GeneratorParams{}.seed;
  bool cbc = true;
  int repeat = 3;  // runs of ours and greedy when one run takes under a second; median reported
};

[[noreturn]] void usage(const char* program, const std::string& error) {
  if (!error.empty()) std::fprintf(stderr, "%s: %s\n", program, error.c_str());
  std::fprintf(stderr,
               "usage: %s [--instances medium,large,large-staggered,network,staggered]\n"
               "          [--cbc-limit SECONDS] [--mip-limit SECONDS] [--seed N] [--no-cbc]\n"
               "          [--repeat N]\n"
               "  --instances  comma-separated subset of medium, large, large-staggered, network,\n"
               "               staggered (default: medium, large, network, staggered)\n"
               "  --cbc-limit  time limit of the CBC whole-model peer (default 600)\n"
               "  --mip-limit  our per-component MIP time limit (default: SolveOptions, 60)\n"
               "  --no-cbc     skip the CBC peer (quick runs)\n"
               "  --repeat     runs of ours and greedy when a run takes < 1 s (default 3)\n",
               program);
  std::exit(error.empty() ? 0 : 2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      auto eq = arg.find('=');
      if (eq != std::string::npos) return arg.substr(eq + 1);
      if (i + 1 >= argc) usage(argv[0], "missing value for " + arg);
      return argv[++i];
    };
    auto name = arg.substr(0, arg.find('='));
    try {
      if (name == "--instances") {
        o.instances.clear();
        std::stringstream list(value());
        for (std::string item; std::getline(list, item, ',');)
          if (!item.empty()) o.instances.push_back(item);
      } else if (name == "--cbc-limit") {
        o.cbc_limit = std::stod(value());
      } else if (name == "--mip-limit") {
        o.mip_limit = std::stod(value());
      } else if (name == "--seed") {
        o.seed = std::stoull(value());
      } else if (name == "--repeat") {
        o.repeat = std::max(1, std::stoi(value()));
      } else if (arg == "--no-cbc") {
        o.cbc = false;
      } else if (arg == "--help" || arg == "-h") {
        usage(argv[0], "");
      } else {
        usage(argv[0], "unknown argument " + arg);
      }
    } catch (const std::logic_error&) {
      usage(argv[0], "bad value for " + name);
    }
  }
  for (const auto& name : o.instances)
    if (name != "medium" && name != "large" && name != "large-staggered" && name != "network" &&
        name != "staggered")
      usage(argv[0], "unknown instance " + name);
  return o;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Timed {
  Solution solution;
  double seconds = 0;      // wall clock (median when repeated)
  double cpu_seconds = 0;  // process CPU time of the same run
};

template <typename Solve>
Timed timed(Solve&& solve, int repeat) {
  std::vector<Timed> runs;
  for (int i = 0; i < repeat; ++i) {
    Timed run;
    std::clock_t c0 = std::clock();
    auto t0 = Clock::now();
    run.solution = solve();
    run.seconds = seconds_since(t0);
    run.cpu_seconds = double(std::clock() - c0) / CLOCKS_PER_SEC;
    runs.push_back(std::move(run));
    if (runs.back().seconds >= 1.0) break;  // long runs are timed once
  }
  std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
  return std::move(runs[runs.size() / 2]);
}

// Personnel-weighted fill of the requirements, as the plan reports it (Fill::rate).
double fill_percent(const Model& model, const std::vector<int>& x) {
  long long required = 0, filled = 0;
  for (const auto& q : model.requirements)
    required += (long long)q.units * (q.end_step - q.first_step) * q.personnel;
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    filled += (long long)x[v] * var.served * model.requirements[var.requirement].personnel;
  }
  return required ? 100.0 * double(filled) / double(required) : 100.0;
}

// The objective is fill_weight * score - cost: the priority-weighted personnel filled, then the
// readiness tie-break. Split, it shows whether two solutions differ in fill or only in ties.
std::pair<long long, long long> score_and_cost(const Model& model, const std::vector<int>& x) {
  long long score = 0, cost = 0;
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    const auto& q = model.requirements[var.requirement];
    score += (long long)x[v] * var.served * q.priority * q.personnel;
    cost += (long long)x[v] * var.length * model.pledges[var.pledge].cost;
  }
  return {score, cost};
}

std::string status_text(const Solution& s, bool with_gap) {
  std::string text = to_string(s.status);
  if (with_gap) {
    char gap[64];
    if (s.status == SolveStatus::optimal)
      std::snprintf(gap, sizeof gap, ", gap 0%%");
    else if (s.objective == 0)
      std::snprintf(gap, sizeof gap, ", no incumbent, bound %.6g", s.bound);
    else
      std::snprintf(gap, sizeof gap, ", gap %.4f%%", 100.0 * s.gap);
    text += gap;
  }
  return text;
}

int mismatches = 0;

void mismatch(const std::string& instance, const std::string& what) {
  ++mismatches;
  std::printf("MISMATCH %s *** %s ***\n", instance.c_str(), what.c_str());
  std::fprintf(stderr, "MISMATCH %s *** %s ***\n", instance.c_str(), what.c_str());
}

void run_instance(const std::string& name, const Options& options) {
  bench::GeneratorParams params = name == "medium"            ? bench::medium_params()
                                  : name == "large"           ? bench::large_params()
                                  : name == "staggered"       ? bench::staggered_params()
                                  : name == "large-staggered" ? bench::large_staggered_params()
                                                              : bench::network_params();
  params.seed = options.seed;
  auto t0 = Clock::now();
  Scenario scenario = bench::generate(params);
  double generate_seconds = seconds_since(t0);
  std::printf("SCENARIO %s %s (generated in %.3fs)\n", name.c_str(),
              bench::describe_scenario(scenario).c_str(), generate_seconds);

  // Model build: eligibility (distances to the line of contact included) and the model.
  t0 = Clock::now();
  Eligibility eligibility(scenario);
  std::vector<ExcludedPledge> excluded;
  Model model = build_model(eligibility, &excluded);
  double build_seconds = seconds_since(t0);
  t0 = Clock::now();
  auto parts = components(model);
  double components_seconds = seconds_since(t0);
  long long nonzeros = 0;
  for (const auto* rows : {&model.demand_rows, &model.window_rows})
    for (const auto& row : *rows) nonzeros += (long long)row.variables.size();
  int coupled = 0;
  std::size_t largest = 0;
  for (const auto& part : parts) {
    coupled += part.rotation_coupled;
    largest = std::max(largest, part.variables.size());
  }
  std::printf(
      "SIZE %s variables=%zu rows=%zu nonzeros=%lld components=%zu (rotation-coupled %d, "
      "largest %zu variables) build=%.3fs\n",
      name.c_str(), model.variables.size(), model.demand_rows.size() + model.window_rows.size(),
      nonzeros, parts.size(), coupled, largest, build_seconds);
  std::fflush(stdout);

  // Ours.
  SolveOptions mine;  // the defaults, except for --mip-limit
  mine.time_limit_seconds = options.mip_limit;
  Timed ours = timed([&] { return solve(model, mine); }, options.repeat);
  const Solution& o = ours.solution;
  std::printf(
      "MODEL %s variables=%zu rows=%zu (demand=%zu window=%zu) nonzeros=%lld "
      "pledges=%zu/%zu (excluded %zu) requirements=%zu components=%d (network=%d "
      "lp-integral=%d lp-rounded=%d mip=%d; largest %zu variables) build=%.3fs "
      "components()=%.3fs\n",
      name.c_str(), model.variables.size(), model.demand_rows.size() + model.window_rows.size(),
      model.demand_rows.size(), model.window_rows.size(), nonzeros, model.pledges.size(),
      scenario.pledges.size(), excluded.size(), model.requirements.size(), o.stats.components,
      o.stats.network_components, o.stats.lp_integral_components, o.stats.rounded_components,
      o.stats.mip_components, largest, build_seconds, components_seconds);
  std::printf(
      "PHASES %s ours: network flow %.3fs, caveat networks %.3fs, LP and rounding %.3fs, CBC "
      "%.3fs, total %.3fs; caveat networks %lld columns (%lld in tour spans), %lld rows; %d "
      "dived, %d stages proven in parts\n",
      name.c_str(), o.stats.network_seconds, o.stats.caveat_network_seconds, o.stats.lp_seconds,
      o.stats.mip_seconds, o.stats.seconds, o.stats.caveat_network_columns, o.stats.tour_columns,
      o.stats.caveat_network_rows, o.stats.dived_components, o.stats.split_stages);
  // Every rotation-coupled part goes through the LP, and so does any part with staggered tours.
  int through_lp =
      o.stats.lp_integral_components + o.stats.rounded_components + o.stats.mip_components;
  if (int(parts.size()) != o.stats.components ||
      o.stats.network_components + through_lp != o.stats.components || through_lp < coupled)
    mismatch(name, "components() and solve() disagree on the decomposition");
  std::fflush(stdout);

  // Greedy.
  Timed greedy = timed([&] { return solve_greedy(model); }, options.repeat);
  const Solution& g = greedy.solution;

  // CBC on the whole model.
  Timed cbc;
  if (options.cbc) {
    SolveOptions whole;
    whole.decompose = false;
    whole.time_limit_seconds = options.cbc_limit;
    cbc = timed([&] { return solve(model, whole); }, 1);
  }
  const Solution& c = cbc.solution;

  double ours_fill = fill_percent(model, o.x), greedy_fill = fill_percent(model, g.x);
  char quality[512];
  std::snprintf(quality, sizeof quality,
                "QUALITY %s ours=%lld (%s) cbc-whole=%s greedy=%lld "
                "(fill %.2f%% vs ours %.2f%%)",
                name.c_str(), (long long)o.objective, status_text(o, false).c_str(),
                options.cbc
                    ? (std::to_string(c.objective) + " (" + status_text(c, true) + ")").c_str()
                    : "skipped (--no-cbc)",
                (long long)g.objective, greedy_fill, ours_fill);
  if (options.cbc)
    std::printf("BENCH %s ours=%.3f peer=cbc-whole:%.3f ratio=%.1f\n%s\n", name.c_str(),
                ours.seconds, cbc.seconds, cbc.seconds / ours.seconds, quality);
  std::printf("BENCH %s ours=%.3f peer=greedy:%.3f ratio=%.3g\n%s\n", name.c_str(), ours.seconds,
              greedy.seconds, greedy.seconds / ours.seconds, quality);

  auto [os, oc] = score_and_cost(model, o.x);
  auto [gs, gc] = score_and_cost(model, g.x);
  std::printf(
      "DETAIL %s ours: score %lld, readiness cost %lld, %.3fs wall / %.3fs cpu, "
      "reported bound %.6g | greedy: score %lld, cost %lld, %.3fs wall",
      name.c_str(), os, oc, ours.seconds, ours.cpu_seconds, o.bound, gs, gc, greedy.seconds);
  if (options.cbc) {
    auto [cs, cc] = score_and_cost(model, c.x);
    std::printf(" | cbc-whole: score %lld, cost %lld, %.3fs wall / %.3fs cpu, bound %.6g", cs, cc,
                cbc.seconds, cbc.cpu_seconds, c.bound);
  }
  std::printf(" | fill_weight %lld\n", (long long)model.fill_weight);

  // Checks.
  if (o.status == SolveStatus::failed) mismatch(name, "ours returned an infeasible solution");
  if (o.status != SolveStatus::optimal)
    std::printf("WARNING %s ours did not prove optimality (%s, gap %.4f%%)\n", name.c_str(),
                to_string(o.status).c_str(), 100.0 * o.gap);
  if (g.status == SolveStatus::failed) mismatch(name, "greedy returned an infeasible solution");
  if (o.objective < g.objective)
    mismatch(name,
             "ours " + std::to_string(o.objective) + " < greedy " + std::to_string(g.objective));
  if (options.cbc) {
    if (c.status == SolveStatus::failed)
      mismatch(name, "cbc-whole returned an infeasible solution");
    if (c.status == SolveStatus::optimal && c.objective != o.objective)
      mismatch(name, "cbc-whole proved optimality at " + std::to_string(c.objective) +
                         " but ours=" + std::to_string(o.objective) + " (difference " +
                         std::to_string(o.objective - c.objective) + "; fill scores " +
                         std::to_string(os) + " vs " +
                         std::to_string(score_and_cost(model, c.x).first) + ")");
    if (o.status == SolveStatus::optimal && c.objective > o.objective)
      mismatch(name, "cbc-whole found " + std::to_string(c.objective) + " above ours' 'optimal' " +
                         std::to_string(o.objective));
    // CBC's bound (a double, with its tolerances) must not be below our objective.
    if (c.status != SolveStatus::failed && c.bound > 0 &&
        double(o.objective) > c.bound * (1 + 1e-9) + 1)
      mismatch(name, "ours " + std::to_string(o.objective) + " exceeds CBC's bound " +
                         std::to_string(c.bound));
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options options = parse(argc, argv);
  std::printf("# forcegen_bench: instances");
  for (const auto& name : options.instances) std::printf(" %s", name.c_str());
  std::printf("; seed %llu; CBC whole-model limit %.0fs; our per-component MIP limit %.0fs\n",
              (unsigned long long)options.seed, options.cbc_limit, options.mip_limit);
  std::fflush(stdout);
  for (const auto& name : options.instances) run_instance(name, options);
  if (mismatches) {
    std::printf("MISMATCH total: %d check(s) failed\n", mismatches);
    return 1;
  }
  std::printf("# all checks passed\n");
  return 0;
}
