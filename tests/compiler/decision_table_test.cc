// Decision tables as data: the `test` blocks of tests/decisions/*.role (self-contained, no stdlib)
// and of examples/*.role (with the stdlib). Every expectation is checked three ways that must agree:
// Policy::Check (the fast path), Policy::Explain, and the reference evaluator over the checked AST.
#include <string>

#include "compiler/compiler_util.h"
#include "reference/reference_evaluator.h"
#include "gtest/gtest.h"

namespace rolec::testing {
namespace {

const char* DecisionName(Decision d) { return d == Decision::kAllow ? "allow" : "deny"; }

void RunTestBlocks(const std::string& path, bool with_stdlib) {
  Compiled compiled = CompileAll(LoadSources({path}), with_stdlib);
  ASSERT_TRUE(compiled.result.ok()) << FormatAll(compiled.result.diagnostics);
  ASSERT_NE(compiled.policy, nullptr);
  ASSERT_FALSE(compiled.result.tests.empty()) << path << " has no test blocks";
  compiler::ReferenceEvaluator reference(compiled.frontend->program);
  for (const TestCase& test : compiled.result.tests) {
    ASSERT_FALSE(test.expectations.empty()) << test.name;
    for (const TestExpectation& e : test.expectations) {
      std::string where = path + ":" + std::to_string(e.span.line) + " (" + test.name + ")";
      auto bound = BoundRequest::Bind(*compiled.policy, e.request);
      ASSERT_TRUE(bound.ok()) << where << ": " << bound.status().ToString();
      Decision fast = compiled.policy->Check(bound->request());
      Explanation explained = compiled.policy->Explain(bound->request());
      Decision oracle = reference.Evaluate(e.request);
      EXPECT_EQ(fast, e.expected) << where << ": expected " << DecisionName(e.expected) << ", got "
                                  << DecisionName(fast) << "\n"
                                  << compiled.policy->FormatExplanation(bound->request(), explained);
      EXPECT_EQ(explained.decision, fast) << where << ": Explain disagrees with Check";
      EXPECT_EQ(oracle, fast) << where << ": the reference evaluator disagrees with the VM";
      EXPECT_TRUE(explained.errors.empty()) << where;
      if (explained.decision == Decision::kAllow) EXPECT_FALSE(explained.reasons.empty()) << where;
      else EXPECT_FALSE(explained.denials.empty()) << where;
    }
  }
}

class DecisionTable : public ::testing::TestWithParam<std::string> {};
TEST_P(DecisionTable, ExpectationsHold) { RunTestBlocks(GetParam(), /*with_stdlib=*/false); }
INSTANTIATE_TEST_SUITE_P(Files, DecisionTable, ::testing::ValuesIn(ListFiles("tests/decisions", ".role")));

class Example : public ::testing::TestWithParam<std::string> {};
TEST_P(Example, ExpectationsHold) { RunTestBlocks(GetParam(), /*with_stdlib=*/true); }
INSTANTIATE_TEST_SUITE_P(Files, Example, ::testing::ValuesIn(ListFiles("examples", ".role")));

}  // namespace
}  // namespace rolec::testing
