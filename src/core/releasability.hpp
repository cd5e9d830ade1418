// Who may see a record: a releasability marking, as a coalition marks its documents. A nation's
// pledge or caveat is often releasable only to some partners; every record the headquarters
// stores carries one of these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reassure {

// An ISO 3166-1 alpha-2 code as the records write it: two capital letters (A-Z).
bool is_country_code(std::string_view code);

enum class ReleaseScope {
  everyone,   // "public": releasable to anyone
  coalition,  // releasable to every coalition partner (the default)
  nations,    // releasable only to the nations listed
};

struct Releasability {
  ReleaseScope scope = ReleaseScope::coalition;
  std::vector<std::string> nations;  // scope nations: sorted, unique, at least one

  friend bool operator==(const Releasability&, const Releasability&) = default;
};

// The most nations a "releasable to" list may name.
constexpr std::size_t kMaxReleasableNations = 64;

// "public", "coalition", or "rel:" followed by comma-separated codes ("rel:DE,FR"), the form
// the store keeps and the scenario key will take.
std::string to_string(const Releasability& marking);
// The inverse of to_string; also accepts the codes of a list unsorted or repeated (kept sorted
// and unique). nullopt, with `problem` saying what is wrong in the user's words, otherwise.
std::optional<Releasability> releasability_from_string(std::string_view text, std::string& problem);

// Whether a record so marked may be shown to a user of `nation`. Every user of the
// headquarters belongs to a coalition partner, so a coalition marking releases to any nation; a
// code that is not a valid country code is released nothing but public records.
bool releasable_to(const Releasability& marking, std::string_view nation);

// The same for a record that belongs to a nation (a pledge, a statement): its own nation always
// sees it, whatever the marking says.
bool releasable_to(const Releasability& marking, std::string_view owner, std::string_view nation);

// Who reads a view of the coalition's records: a user of the headquarters, of one nation (an
// ISO code). A view shows what is releasable to that nation and nothing else.
struct Viewer {
  std::string nation;
};

// What users of nations a restricted record is not released to see of it in a plan: its
// contribution merged into one anonymous "restricted" row (aggregated), or nothing at all, every
// figure computed without it (withheld).
enum class RestrictedView { aggregated, withheld };
std::string to_string(RestrictedView view);
std::optional<RestrictedView> restricted_view_from_string(std::string_view text);

}  // namespace reassure
