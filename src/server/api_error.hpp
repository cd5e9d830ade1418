// The one shape of every error the API returns: an HTTP status, a stable code a program can
// switch on, a message a person can read, and the field it concerns (if one does).
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace reassure::server {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        field_(std::move(field)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_;
  std::string field_;
};

// {"error": {"code": ..., "message": ..., "field": ...}}; "field" only when there is one.
nlohmann::json error_body(const std::string& code, const std::string& message,
                          const std::string& field = {});
inline nlohmann::json error_body(const ApiError& error) {
  return error_body(error.code(), error.what(), error.field());
}

}  // namespace reassure::server
