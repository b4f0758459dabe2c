// format/lexer.cc — Lex: tokens with their comments attached (lexer.h).
#include "format/lexer.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace rolec::format {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A comment's text as the formatter prints it: no '\r' (the only place a carriage return may stand
// is before a line feed), no blanks at the end of any of its lines.
std::string CleanComment(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    if (c == '\r') continue;
    if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

struct RawComment {
  Comment comment;
  uint32_t start_line = 0;
  uint32_t end_line = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    while (true) {
      SkipBlanks();
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
      if (c == '/' && next == '/') {
        size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) end = text_.size();
        AddComment(pos_, end);
        pos_ = end;
      } else if (c == '/' && next == '*') {
        size_t close = text_.find("*/", pos_ + 2);
        if (close == std::string_view::npos) return Error("an unterminated block comment");
        AddComment(pos_, close + 2);
        pos_ = close + 2;
      } else if (c == '"') {
        size_t end = StringEnd(pos_);
        if (end == 0) return Error("an unterminated string");
        AddToken(Token::Kind::kString, pos_, end);
      } else if (IsWordChar(c)) {
        size_t end = pos_;
        while (end < text_.size()) {
          if (IsWordChar(text_[end])) {
            ++end;
          } else if (text_[end] == '/' && end + 1 < text_.size() && IsWordChar(text_[end + 1])) {
            ++end;
          } else {
            break;
          }
        }
        // `entra."Global Reader"`: a qualified role reference is one word.
        if (text_[end - 1] == '.' && end < text_.size() && text_[end] == '"') {
          end = StringEnd(end);
          if (end == 0) return Error("an unterminated string");
        }
        AddToken(Token::Kind::kWord, pos_, end);
      } else if ((c == '=' || c == '!') && next == '=') {
        AddToken(Token::Kind::kOperator, pos_, pos_ + 2);
      } else if (std::string_view("{}[](),=@").find(c) != std::string_view::npos) {
        AddToken(Token::Kind::kPunct, pos_, pos_ + 1);
      } else {
        return Error(fmt::format("the byte 0x{:02x}", static_cast<unsigned char>(c)));
      }
    }
    Token end;
    end.kind = Token::Kind::kEnd;
    end.line = line_ + 1;
    Attach(&end);
    tokens_.push_back(std::move(end));
    return std::move(tokens_);
  }

 private:
  absl::Status Error(std::string_view what) const {
    return absl::InternalError(
        fmt::format("the formatter's lexer does not understand {} at line {}", what, line_));
  }

  void SkipBlanks() {
    while (pos_ < text_.size() && IsBlank(text_[pos_])) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }

  // The offset just past the string literal that starts at `begin`, or 0 if it does not end on its
  // line.
  size_t StringEnd(size_t begin) const {
    for (size_t i = begin + 1; i < text_.size(); ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (text_[i] == '"') {
        return i + 1;
      } else if (text_[i] == '\n') {
        return 0;
      }
    }
    return 0;
  }

  void AddComment(size_t begin, size_t end) {
    if (!pending_.empty() && pending_.back().end_line == line_) {
      // A comment that starts on the line where the previous one ends is printed with it, as one:
      // split, `/* a */ /// b` would turn the ordinary `///` into a doc comment.
      RawComment& previous = pending_.back();
      previous.comment.text += begin == last_comment_end_ ? "" : " ";
      previous.comment.text += CleanComment(text_.substr(begin, end - begin));
      for (size_t i = begin; i < end; ++i) line_ += text_[i] == '\n';
      previous.end_line = line_;
      last_end_line_ = line_;
      last_comment_end_ = end;
      return;
    }
    RawComment raw;
    raw.comment.text = CleanComment(text_.substr(begin, end - begin));
    raw.start_line = line_;
    for (size_t i = begin; i < end; ++i) line_ += text_[i] == '\n';
    raw.end_line = line_;
    raw.comment.blank_before = last_end_line_ != 0 && raw.start_line >= last_end_line_ + 2;
    last_end_line_ = raw.end_line;
    last_comment_end_ = end;
    pending_.push_back(std::move(raw));
  }

  void AddToken(Token::Kind kind, size_t begin, size_t end) {
    Token token;
    token.kind = kind;
    token.text = std::string(text_.substr(begin, end - begin));
    token.line = line_;
    Attach(&token);
    token.blank_before = last_end_line_ != 0 && line_ >= last_end_line_ + 2;
    last_end_line_ = line_;
    prev_line_ = line_;
    tokens_.push_back(std::move(token));
    pos_ = end;
  }

  // Distributes the comments read since the previous token (lexer.h).
  void Attach(Token* token) {
    for (RawComment& raw : pending_) {
      if (raw.end_line == token->line && token->kind != Token::Kind::kEnd) {
        token->inline_before.push_back(std::move(raw.comment));
      } else if (!tokens_.empty() && raw.start_line == prev_line_ && token->leading.empty()) {
        tokens_.back().trailing.push_back(std::move(raw.comment));
      } else {
        token->leading.push_back(std::move(raw.comment));
      }
    }
    pending_.clear();
  }

  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t prev_line_ = 0;      // the line of the previous token
  uint32_t last_end_line_ = 0;  // the line where the previous token or comment ends; 0 at the start
  size_t last_comment_end_ = 0;  // the offset just past the last comment
  std::vector<RawComment> pending_;
  std::vector<Token> tokens_;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Lex(std::string_view text) { return Lexer(text).Run(); }

std::vector<std::string> CommentTexts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& token : tokens) {
    for (const Comment& c : token.leading) out.push_back(c.text);
    for (const Comment& c : token.inline_before) out.push_back(c.text);
    for (const Comment& c : token.trailing) out.push_back(c.text);
  }
  return out;
}

std::string CommentStream(const std::vector<Token>& tokens) {
  std::string out;
  bool blank = false;
  for (const std::string& text : CommentTexts(tokens)) {
    blank = !out.empty();
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n') {
        blank = true;
        continue;
      }
      if (blank && !out.empty()) out += ' ';
      blank = false;
      out += c;
    }
  }
  return out;
}

}  // namespace rolec::format
