#include <fmt/format.h>

#include "cli/commands/commands.hpp"

namespace routelab::cli {

CommandAction add_routers_command(CLI::App& app, const RouterRegistry& registry) {
  app.add_subcommand("routers", "list the registered routers with a one-line description");
  return [&registry] {
    for (const auto& entry : registry.entries()) fmt::print("{:<16} {}\n", entry.name, entry.description);
    return 0;
  };
}

}  // namespace routelab::cli
