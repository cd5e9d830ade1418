#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace reassure::report {

namespace {
// Width in characters, counting each UTF-8 sequence once (names like Türkiye).
std::size_t display_width(const std::string& text) {
  return std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
}
}  // namespace

Table::Table(std::vector<std::string> headers, std::vector<bool> right_aligned)
    : headers_(std::move(headers)), right_(std::move(right_aligned)) {
  right_.resize(headers_.size(), false);
}

void Table::add(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::str() const {
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    width[c] = display_width(headers_[c]);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string pad(width[c] - display_width(cells[c]), ' ');
      bool last = c + 1 == cells.size();
      out += right_[c] ? pad + cells[c] : cells[c] + (last ? "" : pad);
      if (!last) out += "  ";
    }
    return out + "\n";
  };
  std::string out = line(headers_);
  std::vector<std::string> rule;
  for (auto w : width) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (const auto& row : rows_) out += line(row);
  return out;
}

std::string percent(double rate) {
  return fmt::format("{:.1f}%", 100.0 * rate);
}

std::string thousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string in_rotations(long long steps, int steps_per_rotation) {
  if (steps % steps_per_rotation == 0) return thousands(steps / steps_per_rotation);
  // To the nearest tenth, half away from zero.
  long long size = steps < 0 ? -steps : steps;
  long long tenths = (size * 10 + steps_per_rotation / 2) / steps_per_rotation;
  std::string text = thousands(tenths / 10) + "." + std::to_string(tenths % 10);
  return steps < 0 ? "-" + text : text;
}

}  // namespace reassure::report
