// Differential test: on 100,000 generated requests over the bundled standard library and the
// examples, the VM (Policy::Check) and the reference evaluator over the checked AST agree; on every
// tenth request Policy::Explain agrees too. Requests mix catalog actions (some in odd case), actions
// outside the catalog, scopes, target attributes and context. Deterministic (fixed seed).
#include <random>
#include <string>
#include <vector>

#include "compiler/compiler_util.h"
#include "reference/reference_evaluator.h"
#include "gtest/gtest.h"

namespace rolec::testing {
namespace {

class Generator {
 public:
  Generator(const compiler::Program& program, uint32_t seed) : program_(program), rng_(seed) {
    for (const compiler::IrAction& action : program.actions) actions_.push_back(action.name);
    // Actions outside the catalog: catalog actions with another verb, a subtype entity, or an extra
    // property segment — the shapes on which pattern semantics differ.
    for (size_t i = 0; i < actions_.size(); i += 7) {
      const std::string& a = actions_[i];
      size_t last = a.rfind('/');
      extra_.push_back(a.substr(0, last) + "/frobnicate");
      size_t first = a.find('/');
      size_t second = a.find('/', first + 1);
      extra_.push_back(a.substr(0, second) + ".special" + a.substr(second));
      extra_.push_back(a.substr(0, last) + "/extraProperty" + a.substr(last));
    }
  }

  OwnedRequest Next() {
    OwnedRequest r;
    r.principal_id = "alice";
    int n = Uniform(1, 3);
    for (int i = 0; i < n; ++i) {
      OwnedAssignment a;
      const compiler::IrRole& role = program_.roles[Uniform(0, static_cast<int>(program_.roles.size()) - 1)];
      a.role = Chance(10) && !role.template_id.empty() ? role.template_id : role.name;
      a.scope = Chance(15) ? "/administrativeUnits/au" + std::to_string(Uniform(1, 3)) : "/";
      r.assignments.push_back(a);
    }
    int pick = Uniform(0, 99);
    if (pick < 80) r.action = actions_[Uniform(0, static_cast<int>(actions_.size()) - 1)];
    else r.action = extra_[Uniform(0, static_cast<int>(extra_.size()) - 1)];
    if (Chance(10)) {
      for (char& c : r.action) {
        if (Chance(30) && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    }
    static const TargetKind kKinds[] = {TargetKind::kUser, TargetKind::kUser, TargetKind::kGroup,
                                        TargetKind::kDevice, TargetKind::kApplication,
                                        TargetKind::kServicePrincipal};
    r.target.kind = kKinds[Uniform(0, 5)];
    r.target.id = Chance(10) ? "alice" : "bob";
    int roles = Chance(50) ? 0 : Uniform(1, 3);
    for (int i = 0; i < roles; ++i) {
      r.target.roles.push_back(program_.roles[Uniform(0, static_cast<int>(program_.roles.size()) - 1)].name);
    }
    r.target.role_assignable_group_member = Chance(20);
    r.target.role_scoped_to_restricted_admin_unit = Chance(10);
    r.target.in_restricted_admin_unit = Chance(10);
    r.target.role_assignable = Chance(20);
    for (int au = 1; au <= 3; ++au) {
      if (Chance(25)) r.target.admin_units.push_back("au" + std::to_string(au));
    }
    for (const std::string& unit : r.target.admin_units) {
      if (Chance(15)) r.target.restricted_admin_units.push_back(unit);
    }
    if (Chance(15)) r.target.owners.push_back("alice");
    r.context.mfa = Chance(50);
    return r;
  }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Uniform(0, 99) < percent; }

  const compiler::Program& program_;
  std::mt19937 rng_;
  std::vector<std::string> actions_;
  std::vector<std::string> extra_;
};

TEST(Differential, VmAgreesWithReferenceOn100kRequests) {
  Compiled compiled = CompileAll(LoadSources(ListFiles("examples", ".role")), /*with_stdlib=*/true);
  ASSERT_TRUE(compiled.result.ok()) << FormatAll(compiled.result.diagnostics);
  ASSERT_NE(compiled.policy, nullptr);
  const compiler::Program& program = compiled.frontend->program;
  ASSERT_GT(program.roles.size(), 5u);
  ASSERT_GT(program.actions.size(), 10u);
  compiler::ReferenceEvaluator reference(program);
  Generator generator(program, 20261122);
  int allows = 0, mismatches = 0;
  constexpr int kRequests = 100000;
  for (int i = 0; i < kRequests; ++i) {
    OwnedRequest request = generator.Next();
    auto bound = BoundRequest::Bind(*compiled.policy, request);
    ASSERT_TRUE(bound.ok()) << bound.status().ToString();
    Decision fast = compiled.policy->Check(bound->request());
    Decision oracle = reference.Evaluate(request);
    allows += fast == Decision::kAllow;
    if (fast != oracle && ++mismatches <= 5) {
      Explanation e = compiled.policy->Explain(bound->request());
      ADD_FAILURE() << "request " << i << ": VM " << (fast == Decision::kAllow ? "allow" : "deny")
                    << ", reference " << (oracle == Decision::kAllow ? "allow" : "deny") << " for "
                    << request.action << "\n"
                    << compiled.policy->FormatExplanation(bound->request(), e);
    }
    if (i % 10 == 0) {
      ASSERT_EQ(compiled.policy->Explain(bound->request()).decision, fast) << "request " << i;
    }
  }
  EXPECT_EQ(mismatches, 0);
  // The generator must exercise both outcomes substantially, or the agreement means little.
  EXPECT_GT(allows, kRequests / 50);
  EXPECT_LT(allows, kRequests - kRequests / 50);
}

}  // namespace
}  // namespace rolec::testing
