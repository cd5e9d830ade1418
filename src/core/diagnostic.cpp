#include "core/diagnostic.hpp"

namespace reassure {

std::string Diagnostic::format() const {
  std::string text = where.file.empty() ? std::string("<scenario>") : where.file;
  if (where.line > 0) {
    text += ":" + std::to_string(where.line);
    if (where.column > 0) text += ":" + std::to_string(where.column);
  }
  text += ": ";
  if (!field.empty()) text += field + ": ";
  return text + message;
}

std::string excerpt(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return "'" + text + "'";
  std::size_t cut = limit;
  // Back up over UTF-8 continuation bytes so that no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + text.substr(0, cut) + "...' (" + std::to_string(text.size()) + " bytes)";
}

namespace {
std::string summarise(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += d.format() + "\n";
  return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace reassure
