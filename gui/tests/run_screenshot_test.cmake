# ctest driver: routelab-gui under a virtual X server renders the default scenario with two routers
# to a PNG; gui_screenshot_check then checks its size and that it is not blank.
# Robust on a headless CI machine: xvfb-run -a picks a free display; a 24-bit screen larger than
# the window; the xcb platform is forced (an inherited QT_QPA_PLATFORM=offscreen would bypass X);
# the app renders the window into an image, so no window manager or compositor is involved; the
# X server's log is printed on failure.
include(${CMAKE_CURRENT_LIST_DIR}/xvfb_driver_common.cmake)
routelab_require_driver_vars(run_screenshot_test.cmake GUI CHECK XVFB_RUN OUT_DIR WIDTH HEIGHT)
if(NOT XVFB_RUN)
  message("${ROUTELAB_NO_XVFB_MESSAGE}")
  return()
endif()
file(MAKE_DIRECTORY ${OUT_DIR})
set(png ${OUT_DIR}/screenshot.png)
set(xvfb_log ${OUT_DIR}/xvfb.log)
file(REMOVE ${png} ${xvfb_log})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb
          ${XVFB_RUN} -a -e ${xvfb_log} -s "-screen 0 1920x1200x24 -nolisten tcp"
          ${GUI} --scenario default --routers uniform,hash --run --screenshot ${png} --quit-when-done
          --size ${WIDTH}x${HEIGHT}
  RESULT_VARIABLE gui_rc OUTPUT_VARIABLE gui_out ERROR_VARIABLE gui_err TIMEOUT 240)
message("${gui_out}${gui_err}")
if(NOT gui_rc EQUAL 0)
  routelab_fail_with_xvfb_log(${xvfb_log} "routelab-gui under xvfb-run failed (exit ${gui_rc})")
endif()
execute_process(COMMAND ${CHECK} ${png} ${WIDTH} ${HEIGHT} RESULT_VARIABLE check_rc)
if(NOT check_rc EQUAL 0)
  message(FATAL_ERROR "the screenshot check failed (exit ${check_rc}); image: ${png}")
endif()
