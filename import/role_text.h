// import/role_text.h — writing .role text: string literals, action tokens, and the whitespace
// normalising of descriptions, as the stdlib generator does them (stdlib/generator/common.py).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rolec::import {

// `text` as a .role string literal: quoted, with `\"`, `\\`, `\n` and `\t` (the language's only
// escapes, docs/language.md § Strings). Every other character is written as it is.
std::string RoleString(std::string_view text);

// The first character a .role string cannot hold even escaped: a C0 control other than tab and
// line feed, or DEL (E0108). nullopt if there is none.
std::optional<char32_t> FirstUnwritable(std::string_view text);

// Runs of whitespace (Python's str.isspace: ASCII whitespace, U+001C-U+001F, U+0085, U+00A0,
// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) collapsed to one U+0020, and
// stripped at both ends: the generator's normalize_space, which stdlib descriptions went through.
std::string NormalizeSpace(std::string_view text);

// True if `text` is one action path token of the grammar: segments of [A-Za-z0-9_.-]+ joined by
// '/', at least three. Anything else could not be written as an action without changing how the
// rest of the file parses.
bool IsActionPathToken(std::string_view text);

// "U+001B" for a code point.
std::string CodePointName(char32_t c);

}  // namespace rolec::import
