# Layering the build enforces: each target exposes only its own folder. Its include root is a
# directory under the build tree holding one link, <root>/<folder> -> the source folder, so
# `#include "engine/x.hpp"` resolves only in targets that link routelab_engine (directly or through
# a PUBLIC dependency). Including a folder whose target is not linked is a compile error; which
# folder may link which is ARCHITECTURE.md's table, checked by tests/architecture.
function(routelab_include_root target folder)
  cmake_parse_arguments(PARSE_ARGV 2 root "PRIVATE" "" "")
  set(root_dir ${PROJECT_BINARY_DIR}/include-roots/${folder})
  file(MAKE_DIRECTORY ${root_dir})
  if(NOT EXISTS ${root_dir}/${folder})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root_dir}/${folder} SYMBOLIC)
  endif()
  if(root_PRIVATE)
    target_include_directories(${target} PRIVATE ${root_dir})
  else()
    # Installed, every folder's headers sit under include/routelab/<folder>/ (the install rules).
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${root_dir}>
                                                $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/routelab>)
  endif()
endfunction()
