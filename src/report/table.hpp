// Plain-text tables for the terminal: columns sized to their widest cell, numbers right-aligned.
#pragma once

#include <string>
#include <vector>

namespace reassure::report {

class Table {
 public:
  explicit Table(std::vector<std::string> headers, std::vector<bool> right_aligned = {});
  void add(std::vector<std::string> cells);
  std::string str() const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

std::string percent(double rate);        // 0.8731 -> "87.3%"
std::string thousands(long long value);  // 12345 -> "12,345"
// An amount summed over the plan's time steps, in rotations: 7 steps of 3 a rotation -> "2.3";
// a whole number of rotations prints as thousands() does.
std::string in_rotations(long long steps, int steps_per_rotation);

}  // namespace reassure::report
