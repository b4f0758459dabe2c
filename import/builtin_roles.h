// import/builtin_roles.h — the Entra built-in roles by template id, read from the embedded standard
// library, so that Graph's inheritsPermissionsFrom (which names a parent by template id) becomes
// `extends "Directory Readers"` as the generator writes it.
#pragma once

#include <string>
#include <string_view>

namespace rolec::import {

// The display name of the standard-library role with this template id (ASCII case-insensitive),
// or "" if there is none. The stdlib is parsed once per process.
std::string BuiltinRoleName(std::string_view template_id);

}  // namespace rolec::import
