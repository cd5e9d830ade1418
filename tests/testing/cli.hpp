// Runs the real `reassure` program, as a user's shell would, for the CLI tests.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace reassure::testing {

struct Run {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `program` (a path) with the arguments; `prefix` runs in the shell before it (e.g. a
// limit on the size of files, a change of folder).
inline Run run_program(const std::string& program, const std::string& arguments,
                       const std::string& prefix = "") {
  namespace fs = std::filesystem;
  fs::path err_file =
      fs::temp_directory_path() / ("reassure-cli-" + std::to_string(::getpid()) + ".err");
  std::string command = prefix + program + " " + arguments + " 2>" + err_file.string();
  Run result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  result.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(err_file);
  return result;
}

// The program of this build.
inline Run run(const std::string& arguments, const std::string& prefix = "") {
  return run_program(REASSURE_BINARY, arguments, prefix);
}

}  // namespace reassure::testing
