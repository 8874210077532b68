# ctest driver: runs GUI (routelab-gui or routelab-gui-bench) with ARGS (a ;-list) and expects exit
# code EXPECTED_RC and EXPECTED_TEXT in EXPECTED_STREAM (stderr unless stdout), within 60 s.
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${GUI} ${ARGS}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message("exit ${rc}\nstdout: ${out}\nstderr: ${err}")
if(NOT rc EQUAL EXPECTED_RC)
  message(FATAL_ERROR "expected exit code ${EXPECTED_RC}, got ${rc}")
endif()
if(EXPECTED_STREAM STREQUAL "stdout")
  set(stream "${out}")
else()
  set(EXPECTED_STREAM "stderr")
  set(stream "${err}")
endif()
string(FIND "${stream}" "${EXPECTED_TEXT}" position)
if(position EQUAL -1)
  message(FATAL_ERROR "${EXPECTED_STREAM} does not mention '${EXPECTED_TEXT}'")
endif()
