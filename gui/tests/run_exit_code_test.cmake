# ctest driver: runs routelab-gui with ARGS (a ;-list) and expects exit code EXPECTED_RC and a
# standard error containing EXPECTED_TEXT.
execute_process(COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${GUI} ${ARGS}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message("exit ${rc}\nstdout: ${out}\nstderr: ${err}")
if(NOT rc EQUAL EXPECTED_RC)
  message(FATAL_ERROR "expected exit code ${EXPECTED_RC}, got ${rc}")
endif()
string(FIND "${err}" "${EXPECTED_TEXT}" position)
if(position EQUAL -1)
  message(FATAL_ERROR "standard error does not mention '${EXPECTED_TEXT}'")
endif()
