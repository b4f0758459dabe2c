# The packaging tests (docs/embedding.md): what librolec.so exports, and examples/embed/ built out
# of tree against `cmake --install` output. Included by tests/CMakeLists.txt; the image-version
# test (image_version_test.cc) is the rolec_embed_tests binary registered there.
if(NOT TARGET rolec_shared)
  message(STATUS "tests/embed: no shared library (ROLEC_BUILD_SHARED=OFF): packaging tests skipped")
  return()
endif()
find_package(Python3 COMPONENTS Interpreter REQUIRED)

add_test(NAME embed.exported_symbols_self_test
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/exported_symbols.py --self-test)
set_tests_properties(embed.exported_symbols_self_test PROPERTIES
                     PASS_REGULAR_EXPRESSION "self-test: [0-9]+ allowed and [0-9]+ refused as expected: ok"
                     FAIL_REGULAR_EXPRESSION "FAIL|Traceback")
add_test(NAME embed.exported_symbols
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/exported_symbols.py
                 --library $<TARGET_FILE:rolec_shared> --include-dir ${PROJECT_SOURCE_DIR}/include/rolec
                 --nm ${CMAKE_NM})
set_tests_properties(embed.exported_symbols PROPERTIES
                     PASS_REGULAR_EXPRESSION "exported symbols: ok"
                     FAIL_REGULAR_EXPRESSION "FAIL|Traceback")

# Installing a sanitizer build would hand the examples an instrumented library that needs the
# sanitizer runtime loaded first; the plain build runs this test (scripts/test.sh, .ci/run).
if(ROLEC_SANITIZE)
  message(STATUS "tests/embed: ROLEC_SANITIZE=${ROLEC_SANITIZE}: embed.examples skipped "
                 "(an instrumented librolec.so cannot be loaded by uninstrumented examples)")
  return()
endif()
if(NOT TARGET rolec)
  return()  # the package installs the CLI too; without it the install is incomplete
endif()
enable_language(C)
add_test(NAME embed.examples
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/run_embed_examples.py
                 --build-dir ${PROJECT_BINARY_DIR} --source-dir ${PROJECT_SOURCE_DIR}
                 --cmake ${CMAKE_COMMAND} --generator ${CMAKE_GENERATOR}
                 --make-program ${CMAKE_MAKE_PROGRAM}
                 --c-compiler ${CMAKE_C_COMPILER} --cxx-compiler ${CMAKE_CXX_COMPILER}
                 --abi ${ROLEC_ABI_VERSION} --version ${PROJECT_VERSION})
set_tests_properties(embed.examples PROPERTIES
                     TIMEOUT 600
                     PASS_REGULAR_EXPRESSION "embed examples: ok"
                     FAIL_REGULAR_EXPRESSION "FAIL|Traceback")
