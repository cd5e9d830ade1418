// The `reassure` command line: a thin layer over the library (load, validate, plan, report).
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/load.hpp"
#include "core/registry.hpp"
#include "forcegen/plan.hpp"
#include "report/reports.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

constexpr const char* kDefaultScenario = "scenarios/coalition/scenario.yaml";

// The default scenario, found from the working directory or from the source tree the program
// was built from, so that `build/release/reassure plan` works from anywhere in the checkout.
std::string resolve(const std::string& given) {
  if (!given.empty()) return given;
  if (fs::exists(kDefaultScenario)) return kDefaultScenario;
  fs::path built = fs::path(REASSURE_SOURCE_DIR) / kDefaultScenario;
  return fs::exists(built) ? built.string() : kDefaultScenario;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << text;
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
  double time_limit = 60;

  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario; list every error");
  validate_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");

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
  plan_cmd->add_option("--time-limit", time_limit, "Seconds per MIP component (default 60)")
      ->check(CLI::PositiveNumber);

  auto* compare_cmd = app.add_subcommand("compare", "Variants side by side");
  compare_cmd->add_option("scenario", scenario_path, "Scenario file (default: the coalition)");
  compare_cmd->add_option("--variants", variants, "Comma-separated, first is the reference")
      ->required();
  compare_cmd->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  CLI11_PARSE(app, argc, argv);

  try {
    std::string path = resolve(scenario_path);
    Scenario scenario = app::load_checked(path);
    forcegen::SolveOptions options;
    options.time_limit_seconds = time_limit;

    if (*validate_cmd) {
      std::cout << path << ": valid (" << scenario.nations.size() << " nations, "
                << scenario.capabilities.size() << " capabilities, " << scenario.sites.size()
                << " sites, " << scenario.requirements.size() << " requirement lines, "
                << scenario.pledges.size() << " pledges, " << scenario.variants.size()
                << " variants)\n";
      return 0;
    }
    if (*status_cmd) {
      Date date = scenario.as_of;
      if (!as_of.empty()) {
        auto parsed = Date::parse(as_of);
        if (!parsed) {
          std::cerr << "--as-of: expected a date YYYY-MM-DD, got '" << as_of << "'\n";
          return 2;
        }
        date = *parsed;
      }
      auto status = coalition_status(scenario, date);
      if (format == "json")
        std::cout << report::registry_json(status).dump(2) << "\n";
      else
        std::cout << report::registry_text(status);
      return 0;
    }
    if (*plan_cmd) {
      Scenario planned = apply_variant(scenario, variant);
      auto plan = forcegen::make_plan(planned, variant, options);
      if (format == "json")
        std::cout << report::plan_json(plan).dump(2) << "\n";
      else
        std::cout << report::plan_text(plan);
      if (!out_dir.empty()) {
        fs::create_directories(out_dir);
        auto status = coalition_status(planned, planned.as_of);
        write_file(fs::path(out_dir) / "plan.json", report::plan_json(plan).dump(2) + "\n");
        write_file(fs::path(out_dir) / "plan.txt", report::plan_text(plan));
        write_file(fs::path(out_dir) / "coalition.json",
                   report::registry_json(status).dump(2) + "\n");
        write_file(fs::path(out_dir) / "coalition.txt", report::registry_text(status));
        write_file(fs::path(out_dir) / "report.html", report::html_report(planned, status, plan));
        std::cerr << "wrote plan.json, plan.txt, coalition.json, coalition.txt, report.html to "
                  << out_dir << "\n";
      }
      return plan.solution.status == forcegen::SolveStatus::failed ? 3 : 0;
    }
    if (*compare_cmd) {
      std::vector<forcegen::Plan> plans;
      for (const auto& name : split(variants))
        plans.push_back(forcegen::make_plan(apply_variant(scenario, name), name, options,
                                            plans.empty() ? nullptr : &plans.front()));
      if (plans.empty()) {
        std::cerr << "--variants: name at least one variant\n";
        return 2;
      }
      if (format == "json")
        std::cout << report::compare_json(scenario, plans).dump(2) << "\n";
      else
        std::cout << report::compare_text(scenario, plans);
      return 0;
    }
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.format() << "\n";
    std::cerr << e.diagnostics().size() << " problem(s) found\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
