// Storing a scenario that loaded as a version of a name: the one way both the API's upload
// route and `reassure scenario add` do it.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "engine/engine.hpp"
#include "store/store.hpp"

namespace reassure::app {

struct StoredVersion {
  store::ScenarioVersion version;  // with its files
  bool created = false;            // false: the latest version already held these files
};

// Stores `files` (which loaded as `loaded`) as the next version of `name`, marked as the
// scenario marks itself, unless the latest version holds the same files: then that version is
// returned, so that a retried upload (a reply lost, a command run twice) makes no second one.
// `check_latest`, when given, is shown the latest version first and may refuse by throwing.
// Throws store::StoreError when the store refuses.
StoredVersion store_scenario_version(
    store::Store& store, const std::string& name, const store::ScenarioFiles& files,
    const engine::Loaded& loaded, const std::string& uploader,
    const std::function<void(const store::ScenarioVersion& latest)>& check_latest = {});

// `reassure scenario add NAME SCENARIO --db DB`: loads and validates the scenario from the
// disk (its problems printed as `validate` prints them), stores it, audits it as the local
// operator. Returns false, having printed the problems, when it does not load.
bool add_scenario(const std::string& db, const std::string& name, const std::string& path,
                  std::ostream& out, std::ostream& err);
// `reassure scenario list --db DB`: every version of every name, oldest first.
void list_scenarios(const std::string& db, std::ostream& out);

}  // namespace reassure::app
