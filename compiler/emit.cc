#include "compiler/emit.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "compiler/lower.h"
#include "fmt/format.h"
#include "runtime/image_builder.h"
#include "runtime/image_format.h"
#include "runtime/opcodes.h"

namespace rolec::compiler {
namespace {

runtime::SourceRecord Source(const SourceSpan& span) { return {span.file, span.line, span.column}; }

class Emitter {
 public:
  Emitter(const Program& program, DiagnosticSink& sink) : program_(program), sink_(sink) {}

  std::string Run(size_t max_image_bytes) {
    max_image_bytes = std::min<uint64_t>(max_image_bytes, runtime::kMaxImageBytes);
    // A lower bound of the image's size, from the fixed-size tables alone: the grant rows (one
    // block per role and 64 catalog actions) dominate a large policy, and building them for a
    // policy the loader would refuse could take gigabytes.
    const uint64_t roles = program_.roles.size();
    const uint64_t blocks = uint64_t{runtime::BlocksPerRole(static_cast<uint32_t>(program_.actions.size()))};
    uint64_t rules = 0;
    for (const IrRole& role : program_.roles) rules += role.rules.size();
    const uint64_t estimate = roles * blocks * sizeof(runtime::GrantBlock) +
                              roles * sizeof(runtime::RoleEntry) +
                              program_.actions.size() * sizeof(runtime::ActionEntry) +
                              rules * sizeof(runtime::RuleEntry);
    if (estimate > max_image_bytes) {
      TooLarge(fmt::format("the policy image would be at least {} bytes (the limit is {}): {} roles "
                           "and {} catalog actions",
                           estimate, max_image_bytes, roles, program_.actions.size()));
      return "";
    }
    for (const IrRole& role : program_.roles) {
      runtime::RoleRecord record;
      record.name = role.name;
      record.template_id = role.template_id;
      record.description = role.description;
      record.module = role.module;
      record.privileged = role.privileged;
      record.deprecated = role.deprecated;
      record.admin_unit_scopable = role.admin_unit_scopable;
      record.source = Source(role.span);
      builder_.AddRole(record);
    }
    for (const IrRoleSet& set : program_.role_sets) builder_.AddRoleSet(set.name, set.members);
    for (const IrAction& action : program_.actions) {
      runtime::ActionRecord record;
      record.name = action.name;
      record.description = action.description;
      record.privileged = action.privileged;
      record.custom_allowed = action.custom_allowed;
      record.protected_action = action.protected_action;
      if (action.intrinsic) {
        record.intrinsic_chunk = Chunk(*action.intrinsic, action.span);
        record.intrinsic_text = action.intrinsic_text;
      }
      builder_.AddAction(record);
    }
    uint32_t rule_index = 0;
    for (RoleId role_id = 0; role_id < program_.roles.size(); ++role_id) {
      const IrRole& role = program_.roles[role_id];
      // (action, is_except, rule) triples of this role, grouped into grants below.
      std::vector<std::tuple<ActionId, bool, uint32_t>> covered;
      for (const IrRule& rule : role.rules) {
        runtime::RuleRecord record;
        record.is_except = rule.is_except;
        record.role = role_id;
        record.patterns = rule.patterns;
        if (rule.condition) record.chunk = Chunk(*rule.condition, rule.span);
        record.condition_text = rule.condition_text;
        record.source = Source(rule.span);
        builder_.AddRule(record);
        for (ActionId action : rule.covered) covered.emplace_back(action, rule.is_except, rule_index);
        ++rule_index;
      }
      std::sort(covered.begin(), covered.end());
      for (size_t i = 0; i < covered.size();) {
        runtime::GrantRecord grant;
        grant.role = role_id;
        grant.action = std::get<0>(covered[i]);
        for (; i < covered.size() && std::get<0>(covered[i]) == grant.action; ++i) {
          (std::get<1>(covered[i]) ? grant.except_rules : grant.allow_rules).push_back(std::get<2>(covered[i]));
        }
        if (!grant.allow_rules.empty()) builder_.AddGrant(grant);
      }
    }
    if (failed_) return "";
    std::string image = builder_.Finish();
    if (image.size() > max_image_bytes) {
      TooLarge(fmt::format("the policy image is {} bytes (the limit is {})", image.size(),
                           max_image_bytes));
      return "";
    }
    return image;
  }

 private:
  uint32_t Chunk(const Cond& cond, const SourceSpan& span) {
    std::vector<uint8_t> code =
        LowerCondition(cond, [this](std::string_view text) { return builder_.AddString(text); });
    if (code.size() > runtime::kMaxChunkBytes) {
      sink_.Error("E0601", span,
                  fmt::format("condition too large: {} bytes of bytecode (the limit is {})", code.size(),
                              runtime::kMaxChunkBytes),
                  "split it with named role sets, or into several rules");
      failed_ = true;
      return runtime::kNoChunk;
    }
    auto it = chunks_.find(code);
    if (it != chunks_.end()) return it->second;
    uint32_t index = builder_.AddChunk(code);
    chunks_.emplace(std::move(code), index);
    return index;
  }

  // E0601 at the first role of the user's files (or the first role), where a split would start.
  void TooLarge(std::string message) {
    SourceSpan span;
    for (const IrRole& role : program_.roles) {
      if (!role.from_stdlib || span.file.empty()) span = role.span;
      if (!role.from_stdlib) break;
    }
    sink_.Error("E0601", span, std::move(message),
                "the loader refuses larger images; split the policy into several images, or "
                "declare fewer roles or catalog actions");
    failed_ = true;
  }

  const Program& program_;
  DiagnosticSink& sink_;
  runtime::ImageBuilder builder_;
  std::map<std::vector<uint8_t>, uint32_t> chunks_;
  bool failed_ = false;
};

}  // namespace

std::string EmitImage(const Program& program, DiagnosticSink& sink, size_t max_image_bytes) {
  return Emitter(program, sink).Run(max_image_bytes);
}

}  // namespace rolec::compiler
