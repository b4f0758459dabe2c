# `cmake --install build --prefix P` (docs/embedding.md § Installing): the headers of
# include/rolec/, librolec.so and librolec.a, the CMake package (lib/cmake/rolec/), the pkg-config
# file (lib/pkgconfig/rolec.pc) and the rolec command. Included by the top-level CMakeLists.txt
# after cmake/library.cmake. Every installed path is relative to the prefix, so the tree can move.
if(NOT ROLEC_LIBRARY_TARGETS)
  return()
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/rolec DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(TARGETS ${ROLEC_LIBRARY_TARGETS} EXPORT rolecTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})  # the include dir: $<INSTALL_INTERFACE>
if(TARGET rolec)
  install(TARGETS rolec RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(ROLEC_CMAKE_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/rolec)
install(EXPORT rolecTargets NAMESPACE rolec:: DESTINATION ${ROLEC_CMAKE_PACKAGE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/rolecConfig.cmake.in
  ${PROJECT_BINARY_DIR}/rolecConfig.cmake INSTALL_DESTINATION ${ROLEC_CMAKE_PACKAGE_DIR})
# Before 1.0 a minor release may change the C++ API: a request for 0.1 accepts 0.1.z only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/rolecConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/rolecConfig.cmake ${PROJECT_BINARY_DIR}/rolecConfigVersion.cmake
        DESTINATION ${ROLEC_CMAKE_PACKAGE_DIR})

# pkg-config: the prefix is computed from ${pcfiledir}, as many levels up as the libdir is deep.
set(ROLEC_PC_PREFIX_FROM_PCFILEDIR "../..")  # pkgconfig/, then the libdir's first component
string(REGEX MATCHALL "/" _rolec_libdir_slashes "${CMAKE_INSTALL_LIBDIR}")
foreach(_slash IN LISTS _rolec_libdir_slashes)
  string(APPEND ROLEC_PC_PREFIX_FROM_PCFILEDIR "/..")
endforeach()
string(REPLACE ";" ", " ROLEC_PKGCONFIG_REQUIRES_PRIVATE_TEXT "${ROLEC_PKGCONFIG_REQUIRES_PRIVATE}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/rolec.pc.in ${PROJECT_BINARY_DIR}/rolec.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/rolec.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
