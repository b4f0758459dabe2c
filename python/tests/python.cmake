# The Python module's pytest suite (docs/python.md), registered as the ctest `python.pytest`.
# Included by tests/CMakeLists.txt. The module loads librolec.so with ctypes, so the test needs the
# shared library; the rolec command is its oracle (test_cli_oracle.py).
if(NOT TARGET rolec_shared OR NOT TARGET rolec)
  message(STATUS "python: no shared library or no rolec command in this build: python.pytest skipped")
  return()
endif()
# An instrumented librolec.so (ASan, TSan) cannot be dlopen'ed by an uninstrumented python (the
# sanitizer runtime must be loaded first), as for embed.examples.
if(ROLEC_SANITIZE)
  message(STATUS "python: ROLEC_SANITIZE=${ROLEC_SANITIZE}: python.pytest skipped "
                 "(an instrumented librolec.so cannot be loaded by an uninstrumented python)")
  return()
endif()

# pytest comes from Debian (python3-pytest, scripts/install-deps.sh), installed for Debian's
# interpreter: a python3 earlier on PATH (pyenv, a venv) may not have it.
if(NOT ROLEC_PYTEST_PYTHON)
  find_program(ROLEC_PYTHON_CANDIDATE_SYSTEM python3 PATHS /usr/bin NO_DEFAULT_PATH)
  find_program(ROLEC_PYTHON_CANDIDATE_PATH python3)
  foreach(candidate ${ROLEC_PYTHON_CANDIDATE_SYSTEM} ${ROLEC_PYTHON_CANDIDATE_PATH})
    execute_process(COMMAND ${candidate} -c "import sys, pytest; assert sys.version_info >= (3, 9)"
                    RESULT_VARIABLE probe OUTPUT_QUIET ERROR_QUIET)
    if(probe EQUAL 0)
      set(ROLEC_PYTEST_PYTHON ${candidate} CACHE FILEPATH "The python3 that runs python.pytest")
      break()
    endif()
  endforeach()
endif()
if(NOT ROLEC_PYTEST_PYTHON)
  message(FATAL_ERROR "python: no python3 (>= 3.9) that can `import pytest` (tried /usr/bin/python3 "
                      "and python3 on PATH): run scripts/install-deps.sh (it installs python3-pytest), "
                      "or set -DROLEC_PYTEST_PYTHON=/path/to/python3")
endif()

add_test(NAME python.pytest
         COMMAND ${ROLEC_PYTEST_PYTHON} -m pytest -q -p no:cacheprovider ${CMAKE_CURRENT_LIST_DIR})
# At least 30 tests passed and nothing failed or errored (pytest's closing line); a run that
# collected nothing (exit 5) matches neither and fails.
set_tests_properties(python.pytest PROPERTIES
                     ENVIRONMENT "ROLEC_LIBRARY=$<TARGET_FILE:rolec_shared>;ROLEC_CLI=$<TARGET_FILE:rolec>;PYTHONDONTWRITEBYTECODE=1"
                     PASS_REGULAR_EXPRESSION "([3-9][0-9]|[1-9][0-9][0-9]+) passed"
                     FAIL_REGULAR_EXPRESSION "[0-9]+ (failed|error)|Traceback"
                     TIMEOUT 300)
