// What the users read: the registry and the plan as text tables, JSON and an HTML report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "forcegen/plan.hpp"

namespace reassure::report {

nlohmann::json registry_json(const CoalitionStatus& status);
std::string registry_text(const CoalitionStatus& status);

nlohmann::json plan_json(const forcegen::Plan& plan);
std::string plan_text(const forcegen::Plan& plan);

// Variants side by side; the first plan is the reference the others are compared with. For
// each variant, first what it changes in the scenario's inputs (the variants of `scenario`,
// found by the plans' names), then what changes in the plan.
nlohmann::json compare_json(const Scenario& scenario, const std::vector<forcegen::Plan>& plans);
std::string compare_text(const Scenario& scenario, const std::vector<forcegen::Plan>& plans);

// The figures a comparison shows of each variant beside the summary, read from its plan's JSON
// (plan_json's "forcegen", or a nation's view of it): objective, fill by domain and by rotation,
// shortfalls by domain and by rotation (lines, missing units and personnel), and the burden by
// nation. compare_json and view_of_compare both add them, so that they are alike.
nlohmann::json compare_figures(const nlohmann::json& forcegen);

// One input change as compare lists it: "changed pledges[fr-land].quantity: 4 -> 2".
std::string describe(const InputChange& change);

// The dashboard's parts a report draws its maps and charts with (web/src/report.js, bundled as
// report.js and report.css), and the data they draw: inlined into the page, so the report opens
// from a file, without a server or a network.
struct ReportScripts {
  std::string script;   // report.js, an IIFE
  std::string style;    // report.css
  nlohmann::json data;  // {"status": ..., "plan": ..., "countries": ...}, as report.js reads it
};

// One self-contained page (no external assets): coalition status and the plan, as tables that
// need no script; with `scripts`, also the maps and charts they draw. Throws std::runtime_error
// when a script or style would end its element early ("</script", "</style").
std::string html_report(const Scenario& scenario, const CoalitionStatus& status,
                        const forcegen::Plan& plan, const ReportScripts* scripts = nullptr);

}  // namespace reassure::report
