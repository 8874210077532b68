#include "scenarios/run_builder/run_failure.hpp"

#include "core/errors.hpp"

namespace routelab {

RunFailure describe_failure(const RunKey& key, const std::exception_ptr& error) {
  RunFailure failure{key.router.name, key.replication, key.layer, "unknown error", false};
  try {
    std::rethrow_exception(error);
  } catch (const ConfigError& e) {
    failure.message = e.what();
    failure.bad_input = true;
  } catch (const UnknownNameError& e) {
    failure.message = e.what();
    failure.bad_input = true;
  } catch (const IoError& e) {
    failure.message = e.what();
    failure.bad_input = true;
  } catch (const std::exception& e) {
    failure.message = e.what();
  } catch (...) {
  }
  return failure;
}

}  // namespace routelab
