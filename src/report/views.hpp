// What a user of one nation may see of the coalition's plans: projections of the full JSON that
// the engine writes (plan_json wrapped by engine::to_json), computed from that JSON alone, so
// that a plan cached once for the coalition is redacted for each reader on the way out.
// docs/api-library.md, "Views for a nation", says exactly what each view keeps.
#pragma once

#include <nlohmann/json.hpp>

#include "core/releasability.hpp"

namespace reassure::report {

// The plan as `viewer` may see it. Nothing is copied wholesale: each key of the view is written
// from the released records only, so a key the full plan gains later stays out of views until
// this function is taught it. Assignments of pledges not releasable to the viewer (their own
// nation always sees them) are merged into anonymous "restricted" rows (restricted_view
// aggregated: every total unchanged) or left out with every figure that counted them
// (withheld: fills, shortfalls, burden and totals recomputed without them). Null JSON when the
// scenario's own marking ("releasability") is missing or does not release it to the viewer: so
// the failure form engine::to_json writes when there is no plan, which carries no marking, has
// no view (its problems are about the request; the caller tells them from the PlanResult).
// Given a marking and no "forcegen", a view keeps the problems only.
nlohmann::json view_of_plan(const nlohmann::json& full, const Viewer& viewer);

// A comparison as `viewer` may see it, from the full comparison with the full plans of its
// variants under "plans", in the comparison's order (engine::to_full_json(CompareResult)):
// every figure is computed from the views of the plans, as compare_json computes it from
// plans, and an input a variant changes is listed only when the record it changes is released
// to the viewer in the base and in the variant. Null JSON when the scenario's marking does not
// release it to the viewer (or the plans are missing).
nlohmann::json view_of_compare(const nlohmann::json& full, const Viewer& viewer);

}  // namespace reassure::report
