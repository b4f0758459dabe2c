// capi/status.cc — status names, the thread's last error, string views in and strings out, and
// the version: what every other entry point of the C API leans on.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "capi/handles.h"

namespace rolec::capi {
namespace {

// Fixed storage so that recording an error can never fail: a message longer than this is cut.
constexpr size_t kErrorCapacity = 2048;
thread_local char last_error[kErrorCapacity] = "";

}  // namespace

rolec_status Fail(rolec_status status, std::string_view message) noexcept {
  size_t n = message.size() < kErrorCapacity - 1 ? message.size() : kErrorCapacity - 1;
  if (n < message.size() && n >= 3) {
    std::memcpy(last_error, message.data(), n - 3);
    std::memcpy(last_error + n - 3, "...", 3);
  } else {
    std::memcpy(last_error, message.data(), n);
  }
  last_error[n] = '\0';
  return status;
}

bool ViewError(const char* data, size_t length, const char* what) noexcept {
  char message[160];
  if (data == nullptr && length == ROLEC_NUL_TERMINATED) {
    std::snprintf(message, sizeof message, "%s is NULL (with ROLEC_NUL_TERMINATED)", what);
  } else if (data == nullptr) {
    std::snprintf(message, sizeof message, "%s is NULL with length %zu", what, length);
  } else {
    std::snprintf(message, sizeof message, "%s has an impossible length %zu", what, length);
  }
  Fail(ROLEC_ERR_INVALID_ARGUMENT, message);
  return false;
}

char* CopyOut(std::string_view text) noexcept {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

}  // namespace rolec::capi

extern "C" {

const char* rolec_status_name(rolec_status status) {
  switch (status) {
    case ROLEC_OK:
      return "ok";
    case ROLEC_ERR_INVALID_ARGUMENT:
      return "invalid_argument";
    case ROLEC_ERR_COMPILE:
      return "compile";
    case ROLEC_ERR_BAD_IMAGE:
      return "bad_image";
    case ROLEC_ERR_IO:
      return "io";
    case ROLEC_ERR_NOT_FOUND:
      return "not_found";
    case ROLEC_ERR_OUT_OF_RANGE:
      return "out_of_range";
    case ROLEC_ERR_OUT_OF_MEMORY:
      return "out_of_memory";
    case ROLEC_ERR_INTERNAL:
      return "internal";
  }
  return "unknown";
}

const char* rolec_last_error(void) { return rolec::capi::last_error; }

rolec_status rolec_version(rolec_version_info* out) {
  if (out == nullptr) return rolec::capi::Fail(ROLEC_ERR_INVALID_ARGUMENT, "out is NULL");
  out->major = ROLEC_LIBRARY_VERSION_MAJOR;
  out->minor = ROLEC_LIBRARY_VERSION_MINOR;
  out->patch = ROLEC_LIBRARY_VERSION_PATCH;
  out->abi = ROLEC_ABI_VERSION;
  out->text = ROLEC_LIBRARY_VERSION_TEXT;
  return ROLEC_OK;
}

void rolec_string_free(char* text) { std::free(text); }

}  // extern "C"
