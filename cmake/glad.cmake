# Generate the OpenGL 3.3 core loader with Debian's python3-glad into the build tree.
# The system interpreter is used on purpose: a python3 earlier in PATH may lack glad.
set(GLAD_OUT "${CMAKE_BINARY_DIR}/glad")
find_program(SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
if(NOT EXISTS "${GLAD_OUT}/src/gl.c")
  execute_process(
    COMMAND "${SYSTEM_PYTHON3}" -m glad --quiet --reproducible --api gl:core=3.3
            --extensions "" --out-path "${GLAD_OUT}" c
    RESULT_VARIABLE glad_result OUTPUT_QUIET ERROR_VARIABLE glad_error)
  if(NOT glad_result EQUAL 0 OR NOT EXISTS "${GLAD_OUT}/src/gl.c")
    message(FATAL_ERROR "glad could not generate the OpenGL loader (install python3-glad): ${glad_error}")
  endif()
endif()
add_library(glad STATIC "${GLAD_OUT}/src/gl.c")
target_include_directories(glad PUBLIC "${GLAD_OUT}/include")
