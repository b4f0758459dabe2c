// runtime/condition_explain.cc — decompile a verified condition chunk into its tree, evaluate it
// with the VM's leaf semantics (condition_leaf.h), and name the terms that decided it.
#include "runtime/condition_explain.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "fmt/format.h"
#include "runtime/opcodes.h"

namespace rolec::runtime {
namespace {

// Deeper trees than this are not explained (the explanation would not help, and recursion over a
// hostile image must stay bounded): the caller keeps the whole condition text.
constexpr int kMaxDepth = 48;

struct Node {
  enum class Kind : uint8_t { kLeaf, kNot, kAnd, kOr } kind = Kind::kLeaf;
  Instruction leaf{};        // kLeaf
  std::vector<int> children;  // kNot: one; kAnd/kOr: two or more
  int depth = 1;
};

class Decompiler {
 public:
  explicit Decompiler(absl::Span<const uint8_t> code) : code_(code) {}

  // The root node, or nullopt if the code is not a tree of the lowered shape.
  std::optional<int> Root() {
    std::vector<int> stack;
    size_t pc = 0;
    if (!Range(0, code_.size(), true, 0, &stack, &pc)) return std::nullopt;
    if (stack.size() != 1) return std::nullopt;
    return stack[0];
  }

  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  // Decompiles [begin, end) onto `stack`. With `top_level`, stops at RETURN. `nesting` counts the
  // enclosing jumps: a hostile chunk may nest thousands, and the recursion must stay shallow.
  bool Range(size_t begin, size_t end, bool top_level, int nesting, std::vector<int>* stack,
             size_t* out_pc) {
    if (nesting > kMaxDepth) return false;
    size_t pc = begin;
    while (pc < end) {
      Instruction instruction;
      if (!DecodeInstruction(code_.data(), code_.size(), pc, &instruction)) return false;
      const size_t next = pc + instruction.size;
      switch (instruction.opcode) {
        case Opcode::kReturn:
          if (!top_level) return false;
          *out_pc = next;
          return true;
        case Opcode::kNot: {
          if (stack->empty()) return false;
          const int child = stack->back();
          if (!Push(Node::Kind::kNot, {child}, stack, true)) return false;
          break;
        }
        case Opcode::kJumpIfFalseOrPop:
        case Opcode::kJumpIfTrueOrPop: {
          const size_t target = next + instruction.operand;
          if (stack->empty() || target > end || target <= next) return false;
          std::vector<int> right;
          size_t ignored = 0;
          if (!Range(next, target, false, nesting + 1, &right, &ignored) || right.size() != 1) {
            return false;
          }
          const Node::Kind kind = instruction.opcode == Opcode::kJumpIfFalseOrPop
                                      ? Node::Kind::kAnd
                                      : Node::Kind::kOr;
          const int left = stack->back();
          // a and (b and c) is shown, and decided, as one chain a and b and c.
          std::vector<int> children = {left};
          if (nodes_[right[0]].kind == kind) {
            for (int c : nodes_[right[0]].children) children.push_back(c);
          } else {
            children.push_back(right[0]);
          }
          if (!Push(kind, std::move(children), stack, true)) return false;
          pc = target;
          continue;
        }
        default: {
          if (!IsLeafOpcode(instruction.opcode)) return false;
          Node node;
          node.leaf = instruction;
          nodes_.push_back(node);
          stack->push_back(static_cast<int>(nodes_.size()) - 1);
          break;
        }
      }
      pc = next;
    }
    *out_pc = pc;
    return !top_level;  // the top level must end in RETURN
  }

  // Replaces the top of `stack` (when `replace_top`) with a new node over `children`.
  bool Push(Node::Kind kind, std::vector<int> children, std::vector<int>* stack, bool replace_top) {
    Node node;
    node.kind = kind;
    int depth = 0;
    for (int c : children) depth = std::max(depth, nodes_[c].depth);
    node.depth = depth + 1;
    if (node.depth > kMaxDepth) return false;
    node.children = std::move(children);
    nodes_.push_back(std::move(node));
    if (replace_top) stack->back() = static_cast<int>(nodes_.size()) - 1;
    return true;
  }

  absl::Span<const uint8_t> code_;
  std::vector<Node> nodes_;
};

class Explainer {
 public:
  Explainer(const ImageView& image, const std::vector<Node>& nodes, const LeafContext& context)
      : image_(image), nodes_(nodes), context_(context) {}

  bool Value(int n) const {
    const Node& node = nodes_[n];
    switch (node.kind) {
      case Node::Kind::kLeaf:
        return LeafValue(node.leaf.opcode, node.leaf.operand, context_);
      case Node::Kind::kNot:
        return !Value(node.children[0]);
      case Node::Kind::kAnd:
        for (int c : node.children) {
          if (!Value(c)) return false;
        }
        return true;
      case Node::Kind::kOr:
        for (int c : node.children) {
          if (Value(c)) return true;
        }
        return false;
    }
    return false;
  }

  // Appends the terms that decided node n's value.
  void Deciding(int n, std::vector<int>* terms) const {
    const Node& node = nodes_[n];
    if (node.kind == Node::Kind::kLeaf) {
      terms->push_back(n);
      return;
    }
    if (node.kind == Node::Kind::kNot) {
      // `not <predicate>` is one term, as written; `not (a or b)` is decided by a and b.
      const Node& child = nodes_[node.children[0]];
      if (child.kind == Node::Kind::kLeaf || child.kind == Node::Kind::kNot) {
        terms->push_back(n);
      } else {
        Deciding(node.children[0], terms);
      }
      return;
    }
    const bool value = Value(n);
    // A false `and` and a true `or` are decided by one operand; the other two cases need all.
    const bool one = (node.kind == Node::Kind::kAnd) != value;
    for (int c : node.children) {
      if (one && Value(c) != value) continue;
      Deciding(c, terms);
      if (one) return;
    }
  }

  std::string Term(int n) const {
    const Node& node = nodes_[n];
    if (node.kind == Node::Kind::kNot) {
      const Node& child = nodes_[node.children[0]];
      if (child.kind == Node::Kind::kLeaf && child.leaf.opcode == Opcode::kScopeIsTenant) {
        return "scope is admin_unit";
      }
      return "not " + Term(node.children[0]);
    }
    return Predicate(node.leaf);
  }

  // The fact of the request behind a term: the innermost predicate's actual value.
  std::string Fact(int n) const {
    while (nodes_[n].kind == Node::Kind::kNot) n = nodes_[n].children[0];
    const Instruction& leaf = nodes_[n].leaf;
    return LeafFact(leaf, LeafValue(leaf.opcode, leaf.operand, context_));
  }

 private:
  std::string SetName(uint32_t set) const { return std::string(image_.String(image_.RoleSet(set).name)); }
  std::string RoleName(RoleId role) const {
    return role < image_.role_count() ? fmt::format("'{}'", image_.String(image_.Role(role).name))
                                      : fmt::format("role id {}", role);
  }

  std::string Predicate(const Instruction& leaf) const {
    switch (leaf.opcode) {
      case Opcode::kPushTrue: return "true";
      case Opcode::kPushFalse: return "false";
      case Opcode::kTargetKindIs:
        return fmt::format("target.kind == {}", TargetKindName(static_cast<TargetKind>(leaf.operand)));
      case Opcode::kTargetRolesWithin: return "target.roles within " + SetName(leaf.operand);
      case Opcode::kTargetRolesAny: return "target.roles in " + SetName(leaf.operand);
      case Opcode::kTargetHasRole: return "target.roles has " + RoleName(leaf.operand);
      case Opcode::kTargetRagMember: return "target.role_assignable_group_member";
      case Opcode::kTargetRestrictedAuRole: return "target.restricted_au_role";
      case Opcode::kTargetInRestrictedAu: return "target.in_restricted_au";
      case Opcode::kTargetRoleAssignable: return "target.role_assignable";
      case Opcode::kTargetInAdminUnit:
        return fmt::format("target.admin_units has \"{}\"", image_.String(leaf.operand));
      case Opcode::kTargetIsSelf: return "target is self";
      case Opcode::kPrincipalOwnsTarget: return "principal owns target";
      case Opcode::kScopeIsTenant: return "scope is tenant";
      case Opcode::kScopeAdminUnitIs:
        return fmt::format("scope.admin_unit == \"{}\"", image_.String(leaf.operand));
      case Opcode::kContextMfa: return "context.mfa";
      case Opcode::kAssignmentRoleIn: return "assignment.role in " + SetName(leaf.operand);
      default: return "?";
    }
  }

  std::string Scope() const {
    return context_.scope_admin_unit.empty()
               ? std::string("the assignment is scoped to the tenant")
               : fmt::format("the assignment is scoped to administrative unit '{}'",
                             context_.scope_admin_unit);
  }

  std::string LeafFact(const Instruction& leaf, bool value) const {
    const Request& request = context_.request;
    const Target& target = request.target;
    const char* is = value ? "is" : "is not";
    switch (leaf.opcode) {
      case Opcode::kPushTrue:
      case Opcode::kPushFalse:
        return value ? "always true" : "always false";
      case Opcode::kTargetKindIs:
        return target.kind == TargetKind::kUnspecified
                   ? std::string("the request gives no target kind")
                   : fmt::format("the target is a {}", TargetKindName(target.kind));
      case Opcode::kTargetRolesWithin:
      case Opcode::kTargetRolesAny: {
        if (target.roles.empty()) return "the target holds no role";
        const bool want_in = leaf.opcode == Opcode::kTargetRolesAny;
        for (RoleId role : target.roles) {
          const bool in = image_.RoleSetContains(leaf.operand, role);
          if (in == want_in) {
            return fmt::format("the target holds {}, which is {}in {}", RoleName(role),
                               in ? "" : "not ", SetName(leaf.operand));
          }
        }
        return fmt::format("every role the target holds ({}) is {}in {}", target.roles.size(),
                           want_in ? "not " : "", SetName(leaf.operand));
      }
      case Opcode::kTargetHasRole:
        return fmt::format("the target {} {}", value ? "holds" : "does not hold",
                           RoleName(leaf.operand));
      case Opcode::kTargetRagMember:
        return fmt::format("the target {} a member or owner of a role-assignable group", is);
      case Opcode::kTargetRestrictedAuRole:
        return fmt::format("the target {} a role scoped to a restricted management administrative unit",
                           value ? "holds" : "does not hold");
      case Opcode::kTargetInRestrictedAu:
        return fmt::format("the target {} in a restricted management administrative unit", is);
      case Opcode::kTargetRoleAssignable:
        return fmt::format("the target {} a role-assignable group", is);
      case Opcode::kTargetInAdminUnit:
        return fmt::format("the target {} in administrative unit '{}'", is,
                           image_.String(leaf.operand));
      case Opcode::kTargetIsSelf:
        if (request.principal_id.empty()) return "the request gives no principal id";
        if (target.id.empty()) return "the request gives no target id";
        return value ? std::string("the target is the principal itself")
                     : fmt::format("the target ('{}') is not the principal ('{}')", target.id,
                                   request.principal_id);
      case Opcode::kPrincipalOwnsTarget:
        if (request.principal_id.empty()) return "the request gives no principal id";
        return fmt::format("the principal ('{}') {} an owner of the target", request.principal_id, is);
      case Opcode::kScopeIsTenant:
      case Opcode::kScopeAdminUnitIs:
        return Scope();
      case Opcode::kContextMfa:
        return value ? "the principal satisfied multifactor authentication"
                     : "the principal did not satisfy multifactor authentication";
      case Opcode::kAssignmentRoleIn:
        return fmt::format("the assignment's role {} {} in {}", RoleName(context_.assignment_role),
                           is, SetName(leaf.operand));
      default:
        return "";
    }
  }

  const ImageView& image_;
  const std::vector<Node>& nodes_;
  const LeafContext& context_;
};

}  // namespace

std::string ExplainCondition(const ImageView& image, uint32_t chunk, const LeafContext& context) {
  Decompiler decompiler(image.ChunkCode(chunk));
  const std::optional<int> root = decompiler.Root();
  if (!root) return "";
  const Explainer explainer(image, decompiler.nodes(), context);
  std::vector<int> terms;
  explainer.Deciding(*root, &terms);
  std::string out;
  for (int term : terms) {
    if (!out.empty()) out += "; ";
    out += fmt::format("`{}` is {} ({})", explainer.Term(term),
                       explainer.Value(term) ? "true" : "false", explainer.Fact(term));
  }
  return out;
}

}  // namespace rolec::runtime
