#include "core/releasability.hpp"

#include <algorithm>

namespace reassure {

bool is_country_code(std::string_view code) {
  auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  return code.size() == 2 && capital(code[0]) && capital(code[1]);
}

std::string to_string(const Releasability& marking) {
  switch (marking.scope) {
    case ReleaseScope::everyone:
      return "public";
    case ReleaseScope::coalition:
      return "coalition";
    case ReleaseScope::nations:
      break;
  }
  std::string text = "rel:";
  for (std::size_t i = 0; i < marking.nations.size(); ++i)
    text += (i ? "," : "") + marking.nations[i];
  return text;
}

namespace {

// The codes of "rel:DE,FR", sorted and unique; nullopt with `problem` set if one is not a code.
std::optional<std::vector<std::string>> nation_list(std::string_view list, std::string& problem) {
  std::vector<std::string> codes;
  while (true) {
    auto comma = list.find(',');
    auto code = list.substr(0, comma);
    if (!is_country_code(code)) {
      problem = "'" + std::string(code.substr(0, 8)) +
                "' is not an ISO 3166-1 alpha-2 country code (two capital letters)";
      return std::nullopt;
    }
    codes.emplace_back(code);
    if (codes.size() > kMaxReleasableNations) {
      problem = "more than " + std::to_string(kMaxReleasableNations) + " nations";
      return std::nullopt;
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

}  // namespace

std::optional<Releasability> releasability_from_string(std::string_view text,
                                                       std::string& problem) {
  if (text == "public") return Releasability{ReleaseScope::everyone, {}};
  if (text == "coalition") return Releasability{ReleaseScope::coalition, {}};
  if (text.starts_with("rel:")) {
    auto codes = nation_list(text.substr(4), problem);
    if (!codes) return std::nullopt;
    return Releasability{ReleaseScope::nations, std::move(*codes)};
  }
  problem = "expected public, coalition or rel:CODE,CODE... (ISO 3166-1 alpha-2 codes)";
  return std::nullopt;
}

bool releasable_to(const Releasability& marking, std::string_view nation) {
  if (marking.scope == ReleaseScope::everyone) return true;
  if (!is_country_code(nation)) return false;
  if (marking.scope == ReleaseScope::coalition) return true;
  return std::binary_search(marking.nations.begin(), marking.nations.end(), nation);
}

bool releasable_to(const Releasability& marking, std::string_view owner, std::string_view nation) {
  return (is_country_code(nation) && owner == nation) || releasable_to(marking, nation);
}

std::string to_string(RestrictedView view) {
  return view == RestrictedView::withheld ? "withheld" : "aggregated";
}

std::optional<RestrictedView> restricted_view_from_string(std::string_view text) {
  if (text == "aggregated") return RestrictedView::aggregated;
  if (text == "withheld") return RestrictedView::withheld;
  return std::nullopt;
}

}  // namespace reassure
