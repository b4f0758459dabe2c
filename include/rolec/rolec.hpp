// rolec/rolec.hpp — the whole public C++ API: compile .role sources, load images, check requests.
#pragma once

#include "rolec/compiler.hpp"
#include "rolec/diagnostic.hpp"
#include "rolec/policy.hpp"
#include "rolec/request.hpp"
