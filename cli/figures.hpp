#pragma once
// Drawing figures with the Python package's plotting module (python/routelab/plot.py): used by
// `routelab plot` and `routelab report --figures`. Returns the plotting process's exit code
// (0, or 2 for an input it cannot draw); throws IoError when no interpreter can be started.
#include <string>

namespace routelab::cli {

int draw_figures(const std::string& input, const std::string& out_dir, const std::string& format);

}  // namespace routelab::cli
