#pragma once
// Typed errors of the core. Library code throws these; only the CLI and GUI turn them into messages.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace routelab {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A configuration value is out of range or inconsistent; `field` names it (e.g. "routing.k").
class ConfigError : public Error {
 public:
  ConfigError(std::string field, const std::string& what)
      : Error(field + ": " + what), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// A name (router, scenario, ...) that is not registered; carries the valid choices.
class UnknownNameError : public Error {
 public:
  UnknownNameError(const std::string& kind, const std::string& name, std::vector<std::string> valid);
  const std::vector<std::string>& valid() const { return valid_; }

 private:
  std::vector<std::string> valid_;
};

// A router wrote something the engine cannot use (an expert id out of range).
class RouterContractError : public Error {
 public:
  using Error::Error;
};

// Reading or writing a file failed; the message names the file.
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace routelab
