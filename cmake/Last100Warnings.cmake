# Warnings for the project's own targets only; third-party headers are included as SYSTEM.
function(last100_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
                                           -Wno-sign-conversion)
endfunction()
