// The `reassure` command line: a thin shell over the engine (src/engine): parse the flags, call
// the engine, print its results and map its reason codes to the exit codes.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "app/output.hpp"
#include "app/scenario_versions.hpp"
#include "app/serve.hpp"
#include "app/users.hpp"
#include "engine/engine.hpp"
#include "io/number.hpp"
#include "io/text_file.hpp"
#include "report/reports.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

// The default scenario, relative to the data folder: share/reassure/ beside the program's bin/
// once installed (make install), or the copy the build keeps beside the program.
constexpr const char* kDefaultScenario = "scenarios/coalition/scenario.yaml";

// Where the default scenario is looked for when REASSURE_SCENARIO is not set, in order: the
// working directory (a checkout's root: the scenario as it is being edited); the data folder
// relative to the program itself (installed: PREFIX/bin/reassure reads PREFIX/share/reassure/;
// built: the copy in the build folder's share/reassure/). Never the source tree the program was
// built from: a moved build or an installed copy must not depend on it.
std::vector<fs::path> default_scenario_places() {
  std::vector<fs::path> places{kDefaultScenario};
  std::error_code error;
  fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    fs::path bin = program.parent_path();
    places.push_back(bin.parent_path() / "share/reassure" / kDefaultScenario);
    places.push_back(bin / "share/reassure" / kDefaultScenario);
  }
  return places;
}

// The dashboard's folder (its index.html), relative to the program as its default scenario is:
// installed PREFIX/share/reassure/web/, built the build folder's share/reassure/web/. Empty
// when neither holds one: the server then answers the dashboard's routes with 404.
std::string default_web_folder() {
  std::error_code error;
  fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  fs::path bin = program.parent_path();
  for (const auto& place : {bin.parent_path() / "share/reassure/web", bin / "share/reassure/web"})
    if (fs::is_regular_file(place / "index.html", error)) return place.string();
  return {};
}

// The maps and charts of report.html: the dashboard's report.js and report.css, and the
// countries they draw, from the dashboard's folder `web`, with the data they show (the coalition,
// the plan, the theatre's GeoJSON). None, with
// the reason on standard error, when there is no dashboard: the report keeps its tables.
std::optional<report::ReportScripts> report_scripts(const std::string& web, nlohmann::json status,
                                                    nlohmann::json plan, nlohmann::json theatre) {
  if (web.empty()) {
    std::cerr << "report.html: tables only (no dashboard folder beside the program; --web DIR)\n";
    return std::nullopt;
  }
  try {
    io::ReadLimits limits;
    limits.root = web;
    auto read = [&](const char* name) {
      return io::read_text_file(fs::path(web) / name, limits, SourceLocation{}, "--web");
    };
    report::ReportScripts scripts;
    scripts.script = read("report.js");
    scripts.style = read("report.css");
    scripts.data = {{"status", std::move(status)},
                    {"plan", std::move(plan)},
                    {"theatre", std::move(theatre)},
                    {"countries", nlohmann::json::parse(read("countries.json"))}};
    return scripts;
  } catch (const std::exception& e) {
    std::cerr << "report.html: tables only (" << e.what() << ")\n";
    return std::nullopt;
  }
}

// A mistake on the command line found once the scenario is known (an unknown variant).
struct BadArgument {
  std::string message;
};

std::string resolve(const std::string& given) {
  if (!given.empty()) return given;
  // The environment variable is the user's word: used even if it names nothing (the loader
  // then says so), never passed over for another scenario.
  if (const char* env = std::getenv("REASSURE_SCENARIO"); env && *env) return env;
  auto places = default_scenario_places();
  std::error_code error;
  for (const auto& place : places)
    if (fs::is_regular_file(place, error)) return place.string();
  std::string tried;
  for (const auto& place : places) tried += (tried.empty() ? "" : ", ") + place.string();
  throw BadArgument{"no scenario given and no default scenario found (looked in " + tried +
                    "; set REASSURE_SCENARIO or name a scenario file)"};
}

// Exit codes, as the README documents them.
constexpr int kSuccess = 0;
constexpr int kScenarioErrors = 1;
constexpr int kBadArguments = 2;
constexpr int kSolverFailed = 3;
constexpr int kOutputFailed = 4;
constexpr int kStoreFailed = 5;

// The exit code of an engine's problem: the scenario's, the user's arguments', the solver's.
int exit_code(engine::Code code) {
  switch (code) {
    case engine::Code::scenario_invalid:
    case engine::Code::scenario_unreadable:
    case engine::Code::upload_invalid:
      return kScenarioErrors;
    case engine::Code::variant_unknown:
    case engine::Code::variant_invalid:
    case engine::Code::variants_empty:
    case engine::Code::date_invalid:
    case engine::Code::time_limit_invalid:
      return kBadArguments;
    case engine::Code::model_too_large:
    case engine::Code::solver_failed:
      return kSolverFailed;
    case engine::Code::solver_time_limit:
    case engine::Code::solver_cancelled:
      return kSuccess;
  }
  return kScenarioErrors;
}

// The option of the command line a request's field came from.
std::string option_of(const std::string& field) {
  if (field == "as_of") return "--as-of";
  if (field == "time_limit") return "--time-limit";
  return "--" + field;
}

// Tells the problems (each a line on standard error) and gives the exit code of the worst.
int report_problems(const std::vector<engine::Problem>& problems) {
  int code = kSuccess;
  bool in_scenario = false;
  for (const auto& p : problems) {
    int exit = exit_code(p.code);
    if (exit == kSuccess) continue;  // notices: the result is printed and holds
    if (exit == kScenarioErrors || p.code == engine::Code::variant_invalid) {
      // A what-if's problem is told at its line in the --what-if file, as a scenario's is.
      std::cerr << p.format() << "\n";
      in_scenario = true;
    } else if (exit == kBadArguments) {
      std::cerr << option_of(p.field) << ": " << p.message << "\n";
    } else {
      std::cerr << "error: " << p.message << "\n";
    }
    code = std::max(code, exit);
  }
  if (in_scenario) std::cerr << problems.size() << " problem(s) found\n";
  return code;
}

// --time-limit: plain decimal seconds, positive and at most a day (no NaN, no infinity).
double time_limit_from(const std::string& text) {
  auto value = io::parse_decimal_number(text);
  if (!value || engine::check_time_limit(*value))
    throw BadArgument{"--time-limit: expected seconds, a number above 0 and at most 86400, got " +
                      excerpt(text)};
  return *value;
}

// Standard output may be a full disk or a closed pipe: the user must not be told all is well.
bool flushed() {
  std::cout.flush();
  if (std::cout) return true;
  std::cerr << "error: cannot write the standard output\n";
  return false;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    auto item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"reassure: planning and monitoring engine for the multinational reassurance force"};
  app.require_subcommand(1);
  std::string scenario_path, format = "text", as_of, variant = "base", out_dir, variants;
  std::string time_limit = "60";

  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario; list every error");
  validate_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  validate_cmd->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  auto* coalition_cmd = app.add_subcommand("coalition", "The coalition registry");
  coalition_cmd->require_subcommand(1);
  auto* status_cmd = coalition_cmd->add_subcommand("status", "Positions and counts as of a date");
  status_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  status_cmd->add_option("--as-of", as_of, "Date YYYY-MM-DD (default: the scenario's as_of)");
  status_cmd->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  auto* plan_cmd = app.add_subcommand("plan", "Force generation: fill the requirements");
  plan_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  plan_cmd->add_option("--variant", variant, "Variant of the scenario (default: base)");
  plan_cmd->add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  plan_cmd->add_option("--out", out_dir,
                       "Also write plan.json, plan.txt, coalition.json, report.html here");
  plan_cmd->add_option("--time-limit", time_limit,
                       "Seconds per MIP component, above 0 and at most 86400 (default 60)");

  auto* compare_cmd = app.add_subcommand("compare", "Variants side by side");
  compare_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  compare_cmd->add_option("--variants", variants,
                          "Comma-separated, first is the reference (default with --what-if: "
                          "base and every what-if)");
  std::string what_if;
  for (auto* command : {plan_cmd, compare_cmd})
    command
        ->add_option("--what-if", what_if,
                     "A YAML file of variants as in variants.yaml (variants: [...]), added to "
                     "the scenario's own; plan's default --variant is its first")
        ->check(CLI::ExistingFile);
  compare_cmd->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  auto* theatre_cmd = app.add_subcommand(
      "theatre", "The theatre's lines, areas, zones (as polygons) and sites, for a map or GIS");
  theatre_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  theatre_cmd->add_option("--variant", variant, "Variant of the scenario (default: base)");
  std::string theatre_format = "geojson";
  theatre_cmd->add_option("--format", theatre_format, "geojson (RFC 7946; the default)")
      ->check(CLI::IsMember({"geojson"}));

  auto* serve_cmd = app.add_subcommand("serve", "The headquarters HTTP API (until SIGINT/SIGTERM)");
  std::string listen = "127.0.0.1:8080";
  std::string rate_limit = "500", threads = "32";
  serve_cmd->add_option("--rate-limit", rate_limit,
                        "Requests a second per client address, bursts of twice as many; 0: no "
                        "limit (default 500)");
  serve_cmd->add_option("--threads", threads, "Connections served at once, 1 to 256 (default 32)");
  serve_cmd->add_option("--listen", listen,
                        "HOST:PORT to listen on; port 0 picks a free one "
                        "(default 127.0.0.1:8080)");

  std::string web;
  serve_cmd->add_option("--web", web,
                        "The dashboard's folder (default: share/reassure/web beside the "
                        "program's bin/, as installed)");

  plan_cmd->add_option("--web", web,
                       "The dashboard's folder, whose report.js draws report.html's maps and "
                       "charts (default: as for serve)");

  std::string db = "sqlite:reassure.db";
  serve_cmd->add_option("--db", db,
                        "The store: sqlite:PATH or postgresql://... (default sqlite:reassure.db)");
  auto* user_cmd = app.add_subcommand("user", "The headquarters' users (in the store)");
  user_cmd->require_subcommand(1);
  auto* user_add_cmd = user_cmd->add_subcommand("add", "Add a user; prints their token once");
  std::string user_name, user_nation, user_role;
  user_add_cmd->add_option("name", user_name, "User name (letters, digits, '.', '_', '-')")
      ->required();
  user_add_cmd->add_option("--nation", user_nation, "ISO 3166-1 alpha-2 code, e.g. FR")->required();
  user_add_cmd->add_option("--role", user_role, "planner, observer or admin")->required();
  auto* user_list_cmd = user_cmd->add_subcommand("list", "List the users (never their tokens)");
  auto* scenario_cmd =
      app.add_subcommand("scenario", "Scenario versions kept in the store (as uploads are)");
  scenario_cmd->require_subcommand(1);
  auto* scenario_add_cmd = scenario_cmd->add_subcommand(
      "add", "Validate a scenario and store it as the next version of a name");
  std::string scenario_name;
  scenario_add_cmd
      ->add_option("name", scenario_name, "Scenario name (letters, digits, '.', '_', '-')")
      ->required();
  scenario_add_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  auto* scenario_list_cmd = scenario_cmd->add_subcommand("list", "List every stored version");
  for (auto* command : {user_add_cmd, user_list_cmd, scenario_add_cmd, scenario_list_cmd})
    command->add_option("--db", db,
                        "The store: sqlite:PATH or postgresql://... (default sqlite:reassure.db)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help is a "parse error" that exits 0; every real one is a bad argument, whatever
    // code CLI11 would give it.
    return app.exit(e) == 0 ? kSuccess : kBadArguments;
  }

  try {
    if (*user_add_cmd) {
      app::add_user(db, user_name, user_nation, user_role, std::cout);
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*user_list_cmd) {
      app::list_users(db, std::cout);
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*scenario_add_cmd) {
      bool stored =
          app::add_scenario(db, scenario_name, resolve(scenario_path), std::cout, std::cerr);
      if (!flushed()) return kOutputFailed;
      return stored ? kSuccess : kScenarioErrors;
    }
    if (*scenario_list_cmd) {
      app::list_scenarios(db, std::cout);
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*serve_cmd) {
      app::ServeOptions serve_options;
      try {
        serve_options.listen = server::parse_listen_address(listen);
        auto per_second = io::parse_decimal_number(rate_limit);
        if (!per_second || *per_second < 0 || *per_second > 1e6)
          throw BadArgument{
              "--rate-limit: expected requests a second from 0 (no limit) to "
              "1000000, got " +
              excerpt(rate_limit)};
        serve_options.limits.requests_per_second = *per_second;
        serve_options.limits.burst = 2 * *per_second;
        auto workers = io::parse_decimal_number(threads);
        if (!workers || *workers < 1 || *workers > 256 || *workers != std::floor(*workers))
          throw BadArgument{"--threads: expected a whole number from 1 to 256, got " +
                            excerpt(threads)};
        serve_options.limits.threads = int(*workers);
      } catch (const std::invalid_argument& e) {
        throw BadArgument{e.what()};
      }
      std::error_code error;
      if (!web.empty() && !fs::is_regular_file(fs::path(web) / "index.html", error))
        throw BadArgument{"--web: no index.html in " + excerpt(web)};
      serve_options.web = web.empty() ? default_web_folder() : web;
      serve_options.db = db;
      app::serve(serve_options, std::cout);
      return kSuccess;
    }
    engine::PlanOptions options;
    options.time_limit_seconds = time_limit_from(time_limit);
    if (*status_cmd && !as_of.empty())
      if (auto problem = engine::check_date(as_of))
        throw BadArgument{"--as-of: " + problem->message};
    std::string path = resolve(scenario_path);
    auto loaded = engine::load(path);
    if (*validate_cmd && format == "json") {
      std::cout << engine::to_json(engine::validate(loaded)).dump(2) << "\n";
      if (!flushed()) return kOutputFailed;
    }
    if (!loaded.ok()) return report_problems(loaded.problems);
    std::shared_ptr<const engine::Loaded> planned_from = loaded.loaded;
    std::vector<std::string> what_ifs;  // the names of the --what-if file's variants
    if (!what_if.empty()) {
      std::string text;
      try {
        text = io::read_text_file(what_if, io::ReadLimits{}, {}, "--what-if");
      } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::cerr << d.format() << "\n";
        return kBadArguments;
      }
      auto with = engine::with_what_ifs(*loaded.loaded, {{text, what_if, "", nullptr}});
      if (!with.ok()) return report_problems(with.problems);
      planned_from = with.loaded;
      const auto& all = planned_from->scenario.variants;
      for (auto v = all.begin() + std::ptrdiff_t(loaded.loaded->scenario.variants.size());
           v != all.end(); ++v)
        what_ifs.push_back(v->name);
      if (plan_cmd->count("--variant") == 0) variant = what_ifs.front();
      if (compare_cmd->count("--variants") == 0)
        variants = "base," + [&] {
          std::string names;
          for (const auto& name : what_ifs) names += (names.empty() ? "" : ",") + name;
          return names;
        }();
    }
    if (*compare_cmd && variants.empty())
      throw BadArgument{"--variants is required (or --what-if FILE: base and its variants)"};
    const Scenario& scenario = planned_from->scenario;

    if (*validate_cmd) {
      if (format == "json") return kSuccess;
      auto v = engine::validate(loaded);
      std::cout << path << ": valid (" << v.nations << " nations, " << v.capabilities
                << " capabilities, " << v.sites << " sites, " << v.requirements
                << " requirement lines, " << v.pledges << " pledges, " << v.variants
                << " variants)\n";
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*status_cmd) {
      auto result = engine::status(*loaded.loaded, as_of);
      if (!result.ok()) return report_problems(result.problems);
      if (format == "json")
        std::cout << engine::to_json(result).dump(2) << "\n";
      else
        std::cout << report::registry_text(*result.status);
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*plan_cmd) {
      std::error_code error;
      if (!web.empty() && !fs::is_regular_file(fs::path(web) / "report.js", error))
        throw BadArgument{"--web: no report.js in " + excerpt(web)};
      auto result = engine::plan(*planned_from, variant, options);
      if (!result.plan) return report_problems(result.problems);
      const auto& plan = *result.plan;
      if (format == "json")
        std::cout << engine::to_json(result).dump(2) << "\n";
      else
        std::cout << report::plan_text(plan);
      if (!out_dir.empty()) {
        const Scenario& planned = *result.planned;
        auto status = coalition_status(planned, planned.as_of);
        auto plan_json = engine::to_json(result);
        auto coalition_json = report::registry_json(status);
        auto theatre = engine::theatre(*planned_from, variant);
        auto scripts =
            report_scripts(web.empty() ? default_web_folder() : web, coalition_json, plan_json,
                           theatre.ok() ? *theatre.geojson : nlohmann::json());
        app::write_folder(
            out_dir, {{"plan.json", plan_json.dump(2) + "\n"},
                      {"plan.txt", report::plan_text(plan)},
                      {"coalition.json", coalition_json.dump(2) + "\n"},
                      {"coalition.txt", report::registry_text(status)},
                      {"report.html",
                       report::html_report(planned, status, plan, scripts ? &*scripts : nullptr)}});
        std::cerr << "wrote plan.json, plan.txt, coalition.json, coalition.txt, report.html to "
                  << out_dir << "\n";
      }
      if (!flushed()) return kOutputFailed;
      return report_problems(result.problems);
    }
    if (*theatre_cmd) {
      auto result = engine::theatre(*loaded.loaded, variant);
      if (!result.ok()) return report_problems(result.problems);
      std::cout << engine::to_json(result).dump(1) << "\n";
      return flushed() ? kSuccess : kOutputFailed;
    }
    if (*compare_cmd) {
      auto result = engine::compare(*planned_from, split(variants), options);
      if (result.plans.empty()) return report_problems(result.problems);
      if (format == "json")
        std::cout << engine::to_json(result).dump(2) << "\n";
      else
        std::cout << report::compare_text(scenario, result.plans);
      if (!flushed()) return kOutputFailed;
      return report_problems(result.problems);
    }
  } catch (const BadArgument& e) {
    std::cerr << e.message << "\n";
    return kBadArguments;
  } catch (const store::StoreError& e) {
    std::cerr << "error: " << e.what() << "\n";
    bool caller = e.code() == store::StoreError::Code::invalid_input ||
                  e.code() == store::StoreError::Code::conflict;
    return caller ? kBadArguments : kStoreFailed;
  } catch (const app::OutputError& e) {
    std::cerr << "error: " << e.what() << " (nothing was written)\n";
    return kOutputFailed;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kScenarioErrors;
  }
  return kSuccess;
}
