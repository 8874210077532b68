# ctest driver for gui.person_script: `gui_tests person_script` in a real X window under Xvfb
# (xcb forced: an inherited QT_QPA_PLATFORM=offscreen would bypass X), screenshots to OUT_DIR.
# No window manager is needed: the script grabs the X screen, tooltips included.
include(${CMAKE_CURRENT_LIST_DIR}/xvfb_driver_common.cmake)
routelab_require_driver_vars(run_person_script.cmake TESTS XVFB_RUN OUT_DIR)
if(NOT XVFB_RUN)
  message("${ROUTELAB_NO_XVFB_MESSAGE}")
  return()
endif()
file(MAKE_DIRECTORY ${OUT_DIR})
set(xvfb_log ${OUT_DIR}/xvfb.log)
file(REMOVE ${xvfb_log})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb ROUTELAB_PERSON_SCRIPT_DIR=${OUT_DIR}
          ${XVFB_RUN} -a -e ${xvfb_log} -s "-screen 0 1920x1080x24 -nolisten tcp" ${TESTS} person_script
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 840)
message("${out}${err}")
if(NOT rc EQUAL 0)
  routelab_fail_with_xvfb_log(${xvfb_log} "the person script failed (exit ${rc}); screenshots: ${OUT_DIR}")
endif()
