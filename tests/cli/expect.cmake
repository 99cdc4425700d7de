# Runs one command and checks its exit code and output; used by the CLI end-to-end tests.
#   cmake -DEXPECT_RC=2 -DSTDERR_REGEX=... -DSTDOUT_REGEX=... -DARGS="a;b;c" -P expect.cmake
# ARGS is a list whose '|' separators become ';' (so that CTest passes it as one value).
string(REPLACE "|" ";" argv "${ARGS}")
execute_process(COMMAND ${argv} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT "${rc}" STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED STDERR_REGEX AND NOT err MATCHES "${STDERR_REGEX}")
  message(FATAL_ERROR "stderr does not match '${STDERR_REGEX}':\n${err}")
endif()
if(DEFINED STDOUT_REGEX AND NOT out MATCHES "${STDOUT_REGEX}")
  message(FATAL_ERROR "stdout does not match '${STDOUT_REGEX}':\n${out}")
endif()
if(err MATCHES "Sanitizer|runtime error|terminate called|Segmentation")
  message(FATAL_ERROR "the command crashed or misbehaved:\n${err}")
endif()
