# The rolec library (docs/embedding.md § The libraries): one library, built shared (librolec.so,
# SONAME librolec.so.<ROLEC_ABI_VERSION>) and static (librolec.a), made of the objects of every
# pipeline layer. The layers stay separate static libraries (the internal building blocks that
# the tests link); this file compiles their objects position-independent with hidden visibility,
# so that the shared object exports exactly the ROLEC_API declarations of include/rolec/.
#
# New sources of a layer are picked up without edits (the layers glob them). A new layer folder is
# one word in ROLEC_LIBRARY_LAYERS. A layer that links a new third-party library fails the
# configure below until the package knows how to find it (ROLEC_PACKAGE_KNOWN_DEPENDENCIES).
#
# Included by the top-level CMakeLists.txt after every layer's add_subdirectory.

option(ROLEC_BUILD_SHARED "Build librolec.so next to librolec.a" ON)
if(ROLEC_FUZZ)
  # The libFuzzer build instruments every object for one statically linked fuzzer; a shared
  # library of those objects would need clang's sanitizer runtime as a shared object.
  set(ROLEC_BUILD_SHARED OFF)
endif()

# The pipeline layers, bottom-up, that make the library. Each exports what include/rolec/ declares
# for it (format/: rolec/format.hpp) and hides the rest.
set(ROLEC_LIBRARY_LAYERS runtime grammar compiler analysis lint import format export capi)

# Third-party packages a layer may link, as "<target namespace>=<find_package name>=<pkg-config
# module prefix or HEADER_ONLY>". Header-only packages are needed to compile rolec, never by its users.
set(ROLEC_PACKAGE_KNOWN_DEPENDENCIES
  "absl=absl=absl_" "fmt=fmt=fmt" "taocpp=pegtl=HEADER_ONLY" "nlohmann_json=nlohmann_json=HEADER_ONLY")

# One version, stated once: the C header's macros must equal project(VERSION), and the SONAME
# major is the header's ROLEC_ABI_VERSION.
file(STRINGS ${PROJECT_SOURCE_DIR}/include/rolec/rolec.h _rolec_version_lines
     REGEX "^#define ROLEC_(VERSION_MAJOR|VERSION_MINOR|VERSION_PATCH|ABI_VERSION) [0-9]+$")
foreach(_line IN LISTS _rolec_version_lines)
  string(REGEX REPLACE "^#define ROLEC_([A-Z_]+) ([0-9]+)$" "\\1;\\2" _pair "${_line}")
  list(GET _pair 0 _name)
  list(GET _pair 1 _value)
  set(_rolec_header_${_name} ${_value})
endforeach()
if(NOT DEFINED _rolec_header_ABI_VERSION OR
   NOT "${_rolec_header_VERSION_MAJOR}.${_rolec_header_VERSION_MINOR}.${_rolec_header_VERSION_PATCH}"
       STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "include/rolec/rolec.h says version "
          "${_rolec_header_VERSION_MAJOR}.${_rolec_header_VERSION_MINOR}.${_rolec_header_VERSION_PATCH}"
          " (ABI ${_rolec_header_ABI_VERSION}), but project() says ${PROJECT_VERSION}: change both")
endif()
set(ROLEC_ABI_VERSION ${_rolec_header_ABI_VERSION})

set(_rolec_layer_targets)
foreach(_layer IN LISTS ROLEC_LIBRARY_LAYERS)
  if(TARGET rolec_${_layer})
    list(APPEND _rolec_layer_targets rolec_${_layer})
  endif()
endforeach()
if(NOT TARGET rolec_runtime)
  return()  # no layer is built yet: no library
endif()

# The layers' third-party dependencies, PUBLIC (needed by the public headers) and all.
set(_rolec_public_deps)
set(_rolec_all_deps)
set(ROLEC_PACKAGE_FIND_DEPENDENCIES)   # find_package names the installed package must find
set(ROLEC_PKGCONFIG_REQUIRES_PRIVATE)  # pkg-config modules of what the static library links
foreach(_target IN LISTS _rolec_layer_targets)
  set_target_properties(${_target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_compile_definitions(${_target} PRIVATE ROLEC_BUILDING)
  get_target_property(_all ${_target} LINK_LIBRARIES)
  get_target_property(_public ${_target} INTERFACE_LINK_LIBRARIES)
  foreach(_kind all public)
    foreach(_dep IN LISTS _${_kind})
      if(_dep MATCHES "^rolec_" OR _dep MATCHES "-NOTFOUND$" OR _dep MATCHES "^\\$<LINK_ONLY:")
        continue()  # one of ours (its objects are in the library already), or a private one
      endif()
      set(_known "")
      foreach(_entry IN LISTS ROLEC_PACKAGE_KNOWN_DEPENDENCIES)
        string(REPLACE "=" ";" _entry "${_entry}")
        list(GET _entry 0 _namespace)
        if(_dep MATCHES "^${_namespace}::")
          set(_known "${_entry}")
        endif()
      endforeach()
      if(NOT _known)
        message(FATAL_ERROR "${_target} links ${_dep}, which the installed rolec package does not know: "
                "add its namespace, package and pkg-config module to ROLEC_PACKAGE_KNOWN_DEPENDENCIES "
                "in cmake/library.cmake (and a find_dependency to cmake/rolecConfig.cmake.in follows)")
      endif()
      list(GET _known 1 _package)
      list(GET _known 2 _pkgconfig)
      list(APPEND _rolec_${_kind}_deps ${_dep})
      if(_pkgconfig STREQUAL "HEADER_ONLY")
        if(_kind STREQUAL "public")
          message(FATAL_ERROR "${_target} needs header-only ${_dep} in its public interface; rolec's "
                  "users would need it too: make it PRIVATE or add it to the package")
        endif()
        continue()
      endif()
      list(APPEND ROLEC_PACKAGE_FIND_DEPENDENCIES ${_package})
      if(_pkgconfig MATCHES "_$")  # absl::status -> absl_status
        string(REGEX REPLACE "^[^:]+::" "${_pkgconfig}" _module "${_dep}")
      else()
        set(_module ${_pkgconfig})
      endif()
      list(APPEND ROLEC_PKGCONFIG_REQUIRES_PRIVATE ${_module})
    endforeach()
  endforeach()
endforeach()
foreach(_list _rolec_public_deps _rolec_all_deps ROLEC_PACKAGE_FIND_DEPENDENCIES
        ROLEC_PKGCONFIG_REQUIRES_PRIVATE)
  list(REMOVE_DUPLICATES ${_list})
endforeach()
# What the objects need at link time besides the public ones: minus those, minus header-only.
set(_rolec_link_deps ${_rolec_all_deps})
if(_rolec_public_deps)
  list(REMOVE_ITEM _rolec_link_deps ${_rolec_public_deps})
endif()
foreach(_dep IN LISTS _rolec_all_deps)
  foreach(_entry IN LISTS ROLEC_PACKAGE_KNOWN_DEPENDENCIES)
    string(REPLACE "=" ";" _entry "${_entry}")
    list(GET _entry 0 _namespace)
    list(GET _entry 2 _pkgconfig)
    if(_dep MATCHES "^${_namespace}::" AND _pkgconfig STREQUAL "HEADER_ONLY")
      list(REMOVE_ITEM _rolec_link_deps ${_dep})
    endif()
  endforeach()
endforeach()

set(_rolec_objects)
foreach(_target IN LISTS _rolec_layer_targets)
  list(APPEND _rolec_objects $<TARGET_OBJECTS:${_target}>)
endforeach()

# rolec_static: librolec.a, every layer's objects in one archive. The CLI links it.
add_library(rolec_static STATIC ${_rolec_objects})
add_dependencies(rolec_static ${_rolec_layer_targets})
set_target_properties(rolec_static PROPERTIES OUTPUT_NAME rolec EXPORT_NAME rolec_static
                      LINKER_LANGUAGE CXX)
target_include_directories(rolec_static PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
target_link_libraries(rolec_static PUBLIC ${_rolec_public_deps} PRIVATE ${_rolec_link_deps})
target_compile_features(rolec_static INTERFACE cxx_std_17)
set(ROLEC_LIBRARY_TARGETS rolec_static)

# rolec_shared: librolec.so.<version>, SONAME librolec.so.<ABI>. --no-undefined: every symbol the
# objects use resolves in the libraries linked here, so a missing dependency fails this build, not
# a user's.
if(ROLEC_BUILD_SHARED)
  add_library(rolec_shared SHARED ${_rolec_objects})
  add_dependencies(rolec_shared ${_rolec_layer_targets})
  set_target_properties(rolec_shared PROPERTIES
    OUTPUT_NAME rolec EXPORT_NAME rolec LINKER_LANGUAGE CXX
    VERSION ${PROJECT_VERSION} SOVERSION ${ROLEC_ABI_VERSION})
  target_include_directories(rolec_shared PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
  target_compile_definitions(rolec_shared INTERFACE ROLEC_SHARED)
  target_link_libraries(rolec_shared PUBLIC ${_rolec_public_deps} PRIVATE ${_rolec_link_deps})
  # The version script drops what visibility cannot: libstdc++ template code (cmake/librolec.map).
  target_link_options(rolec_shared PRIVATE -Wl,--no-undefined
                      -Wl,--version-script=${PROJECT_SOURCE_DIR}/cmake/librolec.map)
  set_property(TARGET rolec_shared APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/librolec.map)
  target_compile_features(rolec_shared INTERFACE cxx_std_17)
  list(APPEND ROLEC_LIBRARY_TARGETS rolec_shared)
  add_library(rolec::rolec ALIAS rolec_shared)
else()
  add_library(rolec::rolec ALIAS rolec_static)  # the installed config does the same
endif()
add_library(rolec::rolec_static ALIAS rolec_static)
