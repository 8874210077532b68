# Bakes `git describe` into the build so results can name the program version that made them.
find_package(Git QUIET)
set(ROUTELAB_GIT_DESCRIBE "${PROJECT_VERSION}")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    OUTPUT_VARIABLE _describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _describe)
    set(ROUTELAB_GIT_DESCRIBE "${PROJECT_VERSION}+${_describe}")
  endif()
endif()
