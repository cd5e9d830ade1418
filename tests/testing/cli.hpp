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

// `prefix` runs in the shell before the program (e.g. a limit on the size of files).
inline Run run(const std::string& arguments, const std::string& prefix = "") {
  namespace fs = std::filesystem;
  fs::path err_file =
      fs::temp_directory_path() / ("reassure-cli-" + std::to_string(::getpid()) + ".err");
  std::string command =
      prefix + std::string(REASSURE_BINARY) + " " + arguments + " 2>" + err_file.string();
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

}  // namespace reassure::testing
