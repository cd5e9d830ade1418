#include "app/users.hpp"

#include <unistd.h>

#include <cstdlib>

#include "store/store.hpp"

namespace reassure::app {

std::string local_operator() {
  const char* login = std::getenv("USER");
  std::string name = login && *login ? login : "";
  // An environment variable is anyone's to set: kept short and printable for the log.
  if (name.size() > 64 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos)
    name.clear();
  return name.empty() ? "cli" : "cli:" + name;
}

void add_user(const std::string& db, const std::string& name, const std::string& nation,
              const std::string& role, std::ostream& out) {
  auto parsed = store::role_from_string(role);
  if (!parsed)
    throw store::StoreError(store::StoreError::Code::invalid_input, "role",
                            "expected planner, observer or admin");
  auto opened = store::open_store(db);
  auto created = opened->create_user(name, nation, *parsed);
  opened->append_audit({local_operator(), "user.add",
                        created.user.name + " (" + created.user.nation + ", " +
                            store::to_string(created.user.role) + ")",
                        "local"});
  out << "user " << created.user.name << " (" << created.user.nation << ", "
      << store::to_string(created.user.role) << ") added\n"
      << "token: " << created.token << "\n"
      << "The token is shown only now: the store keeps its hash. Give it to the user; they send "
         "it as 'Authorization: Bearer <token>'.\n";
}

void list_users(const std::string& db, std::ostream& out) {
  auto opened = store::open_store(db);
  for (const auto& user : opened->users())
    out << user.name << "\t" << user.nation << "\t" << store::to_string(user.role) << "\t"
        << user.created_at << "\n";
}

}  // namespace reassure::app
