// format/line_diff.cc — UnifiedDiff (line_diff.h).
#include "format/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"

namespace rolec::format {
namespace {

struct Line {
  std::string_view text;  // without its '\n'
  bool newline = true;    // false for a last line without '\n'
  bool operator==(const Line& other) const { return text == other.text && newline == other.newline; }
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back({text.substr(start), false});
      break;
    }
    lines.push_back({text.substr(start, end - start), true});
    start = end + 1;
  }
  return lines;
}

enum class Op : uint8_t { kKeep, kDelete, kInsert };

// The shortest edit script of a[0, n) -> b[0, m), or false if it needs more than `max_edits` edits.
bool Myers(const std::vector<Line>& a, size_t a0, size_t n, const std::vector<Line>& b, size_t b0,
           size_t m, size_t max_edits, std::vector<Op>* script) {
  const long max = static_cast<long>(std::min(n + m, max_edits));
  const long offset = max + 1;
  std::vector<long> v(static_cast<size_t>(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  for (long d = 0; d <= max; ++d) {
    // Only diagonals -d-1 .. d+1 are read back for this step: keep that window (O(D^2) memory).
    trace.emplace_back(v.begin() + (offset - d - 1), v.begin() + (offset + d + 2));
    for (long k = -d; k <= d; k += 2) {
      long x;
      if (k == -d || (k != d && v[static_cast<size_t>(k - 1 + offset)] < v[static_cast<size_t>(k + 1 + offset)])) {
        x = v[static_cast<size_t>(k + 1 + offset)];
      } else {
        x = v[static_cast<size_t>(k - 1 + offset)] + 1;
      }
      long y = x - k;
      while (x < static_cast<long>(n) && y < static_cast<long>(m) &&
             a[a0 + static_cast<size_t>(x)] == b[b0 + static_cast<size_t>(y)]) {
        ++x;
        ++y;
      }
      v[static_cast<size_t>(k + offset)] = x;
      if (x >= static_cast<long>(n) && y >= static_cast<long>(m)) {
        // Walk back through the trace.
        std::vector<Op> reversed;
        long cx = static_cast<long>(n);
        long cy = static_cast<long>(m);
        for (long dd = d; dd > 0; --dd) {
          const std::vector<long>& window = trace[static_cast<size_t>(dd)];
          auto pv_at = [&](long diag) { return window[static_cast<size_t>(diag + dd + 1)]; };
          long cur_k = cx - cy;
          long prev_k;
          if (cur_k == -dd || (cur_k != dd && pv_at(cur_k - 1) < pv_at(cur_k + 1))) {
            prev_k = cur_k + 1;
          } else {
            prev_k = cur_k - 1;
          }
          long px = pv_at(prev_k);
          long py = px - prev_k;
          while (cx > px && cy > py) {
            reversed.push_back(Op::kKeep);
            --cx;
            --cy;
          }
          reversed.push_back(cx == px ? Op::kInsert : Op::kDelete);
          cx = px;
          cy = py;
        }
        while (cx > 0 && cy > 0) {
          reversed.push_back(Op::kKeep);
          --cx;
          --cy;
        }
        script->assign(reversed.rbegin(), reversed.rend());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view before_label,
                        std::string_view after_label, size_t context) {
  if (before == after) return "";
  const std::vector<Line> a = SplitLines(before);
  const std::vector<Line> b = SplitLines(after);
  // The common first and last lines are kept without searching.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;
  std::vector<Op> middle;
  if (!Myers(a, prefix, n, b, prefix, m, kMaxDiffEdits, &middle)) {
    middle.assign(n, Op::kDelete);
    middle.insert(middle.end(), m, Op::kInsert);
  }
  std::vector<Op> script(prefix, Op::kKeep);
  script.insert(script.end(), middle.begin(), middle.end());
  script.insert(script.end(), suffix, Op::kKeep);

  // Positions of each script entry in a and b.
  std::vector<size_t> ai(script.size() + 1), bi(script.size() + 1);
  for (size_t s = 0; s < script.size(); ++s) {
    ai[s + 1] = ai[s] + (script[s] != Op::kInsert);
    bi[s + 1] = bi[s] + (script[s] != Op::kDelete);
  }
  std::string out = fmt::format("--- {}\n+++ {}\n", before_label, after_label);
  size_t s = 0;
  while (s < script.size()) {
    if (script[s] == Op::kKeep) {
      ++s;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is at most 2 * context kept lines further.
    size_t start = s >= context ? s - context : 0;
    size_t end = s;
    while (true) {
      while (end < script.size() && script[end] != Op::kKeep) ++end;
      size_t next = end;
      while (next < script.size() && script[next] == Op::kKeep) ++next;
      if (next < script.size() && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = std::min(script.size(), end + context);
      break;
    }
    const size_t a_count = ai[end] - ai[start];
    const size_t b_count = bi[end] - bi[start];
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count == 0 ? ai[start] : ai[start] + 1, a_count,
                       b_count == 0 ? bi[start] : bi[start] + 1, b_count);
    for (size_t k = start; k < end; ++k) {
      const Line& line = script[k] == Op::kInsert ? b[bi[k]] : a[ai[k]];
      out += script[k] == Op::kKeep ? ' ' : script[k] == Op::kDelete ? '-' : '+';
      out += line.text;
      out += '\n';
      if (!line.newline) out += "\\ No newline at end of file\n";
    }
    s = end;
  }
  return out;
}

}  // namespace rolec::format
