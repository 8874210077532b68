#include "routers/phase/phase_options.hpp"

#include "routers/phase/phase_errors.hpp"

namespace routelab::phase {

std::string_view to_string(PhaseKernel kernel) {
  switch (kernel) {
    case PhaseKernel::automatic: return "auto";
    case PhaseKernel::reference: return "reference";
    case PhaseKernel::arcs: return "arcs";
    case PhaseKernel::bitpacked: return "bitpacked";
  }
  return "?";
}

PhaseKernel parse_phase_kernel(std::string_view name, const std::string& argument) {
  for (const auto kernel : {PhaseKernel::automatic, PhaseKernel::reference, PhaseKernel::arcs, PhaseKernel::bitpacked})
    if (name == to_string(kernel)) return kernel;
  throw PhaseArgumentError(argument, "expected one of auto, reference, arcs, bitpacked; got '" + std::string(name) + "'");
}

}  // namespace routelab::phase
