# Warnings for the project's own targets only (never global flags).
add_library(routelab_warnings INTERFACE)
target_compile_options(routelab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wno-sign-conversion)
