// `reassure user add|list`: the headquarters' users, kept in the store. A new user's bearer
// token is printed once; the store keeps only its hash, so a lost token means a new user.
#pragma once

#include <ostream>
#include <string>

namespace reassure::app {

// Throws store::StoreError naming the field (name, nation, role) when refused.
void add_user(const std::string& db, const std::string& name, const std::string& nation,
              const std::string& role, std::ostream& out);
void list_users(const std::string& db, std::ostream& out);

// Who runs the command, for the audit log: "cli:" and the login name, or "cli".
std::string local_operator();

}  // namespace reassure::app
