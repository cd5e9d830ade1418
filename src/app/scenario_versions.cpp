#include "app/scenario_versions.hpp"

#include <filesystem>

#include "app/users.hpp"

namespace reassure::app {

StoredVersion store_scenario_version(
    store::Store& store, const std::string& name, const store::ScenarioFiles& files,
    const engine::Loaded& loaded, const std::string& uploader,
    const std::function<void(const store::ScenarioVersion& latest)>& check_latest) {
  std::string key = store::content_key(files);
  auto versions = store.scenario_versions(name);
  if (!versions.empty()) {
    auto latest = versions.back();
    if (check_latest) check_latest(latest);
    if (latest.content_key == key) {
      latest.files = files;
      return {std::move(latest), false};
    }
  }
  auto stored = store.add_scenario_version({name, files, loaded.scenario.releasability, uploader});
  stored.files = files;
  return {std::move(stored), true};
}

namespace {

// The store keeps no name for the main file: a scenario read from another file name is stored
// as scenario.yaml (its includes resolve from the same folder).
store::ScenarioFiles files_with_main_as_scenario_yaml(const engine::Loaded& loaded,
                                                      const std::string& path) {
  store::ScenarioFiles files = loaded.files;
  std::string main = std::filesystem::path(path).filename().string();
  if (main != "scenario.yaml" && files.contains(main) && !files.contains("scenario.yaml")) {
    auto node = files.extract(main);
    node.key() = "scenario.yaml";
    files.insert(std::move(node));
  }
  return files;
}

}  // namespace

bool add_scenario(const std::string& db, const std::string& name, const std::string& path,
                  std::ostream& out, std::ostream& err) {
  auto loaded = engine::load(path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) err << problem.format() << "\n";
    err << path << ": not stored (" << loaded.problems.size() << " problem"
        << (loaded.problems.size() == 1 ? "" : "s") << ")\n";
    return false;
  }
  auto files = files_with_main_as_scenario_yaml(*loaded.loaded, path);
  auto opened = store::open_store(db);
  auto operator_name = local_operator();
  auto stored = store_scenario_version(*opened, name, files, *loaded.loaded, operator_name);
  const auto& v = stored.version;
  std::string target = v.name + "@" + std::to_string(v.version);
  if (stored.created) opened->append_audit({operator_name, "scenario.upload", target, "local"});
  out << "scenario " << target << (stored.created ? " stored" : " already stored (same files)")
      << ": " << v.file_count << (v.file_count == 1 ? " file, " : " files, ") << v.total_bytes
      << " bytes, marked " << to_string(v.releasability) << ", content "
      << v.content_key.substr(0, 12) << "\n";
  return true;
}

void list_scenarios(const std::string& db, std::ostream& out) {
  auto opened = store::open_store(db);
  for (const auto& name : opened->scenario_names())
    for (const auto& v : opened->scenario_versions(name))
      out << v.name << "\t" << v.version << "\t" << to_string(v.releasability) << "\t"
          << v.file_count << (v.file_count == 1 ? " file\t" : " files\t") << v.uploader << "\t"
          << v.uploaded_at << "\n";
}

}  // namespace reassure::app
