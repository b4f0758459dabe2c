# The pure C test of the C API (tests/capi/c_program.c): compiled as C99 with every warning an
# error, linked against rolec_capi, run by ctest with its output checked line by line.
if(NOT TARGET rolec_capi)
  return()
endif()
enable_language(C)
add_executable(rolec_capi_c_program ${CMAKE_CURRENT_LIST_DIR}/c_program.c)
set_target_properties(rolec_capi_c_program PROPERTIES
  C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF
  LINKER_LANGUAGE CXX)  # rolec_capi is C++ inside: link with the C++ runtime
target_compile_options(rolec_capi_c_program PRIVATE -Wall -Wextra -Werror -pedantic)
# Only include/: the program sees rolec/rolec.h and nothing else of the tree.
target_include_directories(rolec_capi_c_program PRIVATE ${PROJECT_SOURCE_DIR}/include)
target_link_libraries(rolec_capi_c_program PRIVATE rolec_capi)
add_test(NAME capi.c_program COMMAND rolec_capi_c_program)
set_tests_properties(capi.c_program PROPERTIES
  PASS_REGULAR_EXPRESSION
  "rolec [0-9]+\\.[0-9]+\\.[0-9]+ abi 1\nallow helpdesk resets a user\ndeny helpdesk resets a helpdesk admin\ndeny helpdesk reads a user\nallow batch\\[0\\]\ndeny batch\\[1\\]\nexplain: condition_failed\nerror invalid_argument: target kind 77 is not a rolec_target_kind \\(0\\.\\.8\\)\ndeny with a bad kind\ndeny engine: helpdesk resets a helpdesk admin\nallow engine after swap: helpdesk resets a helpdesk admin\nc program: ok\n"
  FAIL_REGULAR_EXPRESSION "FAIL")
