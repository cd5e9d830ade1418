// Where a record came from and how far to trust it: shared by every kind of record.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"

namespace reassure {

// Where a record and each of its fields were read from, so that errors found later (a
// reference to a missing site, say) still point at the line.
struct Located {
  SourceLocation where;
  std::map<std::string, SourceLocation> fields;

  SourceLocation at(const std::string& field) const {
    auto it = fields.find(field);
    return it == fields.end() ? where : it->second;
  }
};

// How much a fact can be trusted, as the scenario file labels it.
enum class Basis {
  reported,    // stated by a source
  estimate,    // a number derived from vague reporting
  assumption,  // an illustrative planning assumption, editable
  inferred,    // deduced from other records (e.g. an unpublished list)
};
std::string to_string(Basis basis);
std::optional<Basis> basis_from_string(const std::string& text);

}  // namespace reassure
