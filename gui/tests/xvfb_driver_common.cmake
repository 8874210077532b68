# Shared by the ctest drivers that run under Xvfb (run_screenshot_test.cmake, run_person_script.cmake).
# Fails unless every variable named in ARGN is set.
function(routelab_require_driver_vars driver)
  foreach(var ${ARGN})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${driver}: ${var} is not set")
    endif()
  endforeach()
endfunction()
# Prints the X server's log (it says why Xvfb or the xcb connection failed) and fails with MESSAGE.
function(routelab_fail_with_xvfb_log xvfb_log message)
  if(EXISTS ${xvfb_log})
    file(READ ${xvfb_log} log)
    message("Xvfb log:\n${log}")
  endif()
  message(FATAL_ERROR "${message}")
endfunction()
set(ROUTELAB_NO_XVFB_MESSAGE "SKIPPED: xvfb-run is not installed (Debian package xvfb; scripts/install-deps.sh installs it)")
