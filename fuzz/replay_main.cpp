// Runs a fuzz harness over files, without libFuzzer: every file of each folder named on the
// command line (in name order; names starting with '.' are skipped), or a file itself. A
// crash, a sanitizer finding or an uncaught exception fails the test; a missing folder is
// empty. This is how `make check` replays each corpus and every crash kept.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs(const fs::path& given) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(given)) return {given};
  if (!fs::is_directory(given)) return files;
  for (const auto& entry : fs::directory_iterator(given))
    if (entry.is_regular_file() && entry.path().filename().string().rfind(".", 0) != 0)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i)
    for (const auto& file : inputs(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  std::cout << "replayed " << count << " inputs\n";
  return count > 0 ? 0 : 1;
}
