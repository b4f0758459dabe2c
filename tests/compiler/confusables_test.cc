// Unit tests of compiler/confusables.h: the spacing rule of names and the confusable skeleton.
#include "compiler/confusables.h"

#include "gtest/gtest.h"

namespace rolec::compiler {
namespace {

using Kind = SpacingProblem::Kind;

TEST(Confusables, TableIsSorted) { EXPECT_TRUE(ConfusableTableIsSorted()); }

TEST(Confusables, WellSpacedNamesHaveNoProblem) {
  EXPECT_FALSE(FindSpacingProblem("Global Administrator"));
  EXPECT_FALSE(FindSpacingProblem("x"));
  EXPECT_FALSE(FindSpacingProblem(""));
  EXPECT_FALSE(FindSpacingProblem("Contoso Tier1 Helpdesk (EU)"));
  EXPECT_FALSE(FindSpacingProblem("Glоbal Administrator"));  // a look-alike, but well spaced
}

TEST(Confusables, SpacingProblems) {
  auto problem = FindSpacingProblem("Global Administrator ");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, Kind::kTrailing);
  EXPECT_EQ(problem->offset, 20u);

  problem = FindSpacingProblem(" Global Administrator");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, Kind::kLeading);

  problem = FindSpacingProblem("Global  Administrator");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, Kind::kDouble);
  EXPECT_EQ(problem->offset, 7u);

  problem = FindSpacingProblem("Global\u00A0Administrator");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, Kind::kOtherSpace);
  EXPECT_EQ(problem->code_point, U'\u00A0');
  EXPECT_EQ(problem->offset, 6u);

  problem = FindSpacingProblem("\u3000Global");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->kind, Kind::kLeading);
  EXPECT_EQ(problem->code_point, U'\u3000');
}

TEST(Confusables, EveryNonAsciiSpaceIsAProblem) {
  for (char32_t c : {U'\t', U'\n', U'\r', U'\u0085', U'\u00A0', U'\u1680', U'\u180E', U'\u2000',
                     U'\u2005', U'\u200A', U'\u200B', U'\u200C', U'\u200D', U'\u2028', U'\u2029',
                     U'\u202F', U'\u205F', U'\u2060', U'\u3000', U'\uFEFF'}) {
    EXPECT_TRUE(IsNameSpace(c)) << CodePointText(c);
    std::string name = "a";
    // UTF-8 of c, by hand (the helper under test is not used to build its own input).
    if (c < 0x80) {
      name += static_cast<char>(c);
    } else if (c < 0x800) {
      name += static_cast<char>(0xC0 | (c >> 6));
      name += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      name += static_cast<char>(0xE0 | (c >> 12));
      name += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      name += static_cast<char>(0x80 | (c & 0x3F));
    }
    name += "b";
    auto problem = FindSpacingProblem(name);
    ASSERT_TRUE(problem) << CodePointText(c);
    EXPECT_EQ(problem->kind, Kind::kOtherSpace) << CodePointText(c);
    EXPECT_EQ(problem->code_point, c);
  }
  EXPECT_FALSE(IsNameSpace(U'a'));
  EXPECT_FALSE(IsNameSpace(U'\u00E9'));
}

TEST(Confusables, LookAlikesShareASkeleton) {
  const std::string global = Skeleton("Global Administrator");
  EXPECT_EQ(Skeleton("Glоbal Administrator"), global);           // Cyrillic о U+043E
  EXPECT_EQ(Skeleton("Glοbal Administrator"), global);           // Greek ο U+03BF
  EXPECT_EQ(Skeleton("GIobal Administrator"), global);           // capital I for l
  EXPECT_EQ(Skeleton("G1obal Administrator"), global);           // digit 1 for l
  EXPECT_EQ(Skeleton("Global Adrninistrator"), global);          // rn for m
  EXPECT_EQ(Skeleton("Ｇｌｏｂａｌ Administrator"), global);      // fullwidth
  EXPECT_EQ(Skeleton("GLOBAL READER"), Skeleton("global reader"));
  // The mapping comes before the lower-casing, as in TR39: I and m have prototypes, i and M do not,
  // so these two differ (they are the same name anyway: role names compare case-insensitively).
  EXPECT_NE(Skeleton("GLOBAL ADMINISTRATOR"), Skeleton("global administrator"));
  EXPECT_EQ(Skeleton("Global\u00A0Administrator"), global);      // NBSP folds to a space
  EXPECT_EQ(Skeleton("Тier 0"), Skeleton("Tier O"));              // Cyrillic Т, 0/O
  EXPECT_EQ(Skeleton("раураl"), Skeleton("paypal"));              // all Cyrillic but the l
  EXPECT_EQ(Skeleton("АВЕКМНОРСТХ"), Skeleton("ABEKMHOPCTX"));
  EXPECT_EQ(Skeleton("ΑΒΕΖΗΚΜΝΟΡΤΥΧ"), Skeleton("ABEZHKMNOPTYX"));
  EXPECT_EQ(Skeleton("аеорсухіјѕԁԛԝ"), Skeleton("aeopcyxijsdqw"));
}

TEST(Confusables, DifferentNamesHaveDifferentSkeletons) {
  EXPECT_NE(Skeleton("Global Administrator"), Skeleton("Global Reader"));
  EXPECT_NE(Skeleton("Global Administrator"), Skeleton("Global Administrator "));
  EXPECT_NE(Skeleton("Glöbal Administrator"), Skeleton("Global Administrator"));  // a real letter
}

TEST(Confusables, FirstDifference) {
  auto diff = FindFirstDifference("Glоbal", "Global");
  ASSERT_TRUE(diff);
  EXPECT_EQ(diff->index, 2u);
  EXPECT_EQ(diff->a, U'\u043E');
  EXPECT_EQ(diff->b, U'o');
  EXPECT_FALSE(FindFirstDifference("GLOBAL", "global"));
  diff = FindFirstDifference("ab", "abc");
  ASSERT_TRUE(diff);
  EXPECT_EQ(diff->index, 2u);
  EXPECT_EQ(diff->a, 0u);
}

TEST(Confusables, CodePoints) {
  EXPECT_EQ(CodePointText(0xA0), "U+00A0");
  EXPECT_EQ(CodePointText(0x1F600), "U+1F600");
  EXPECT_EQ(CodePointsBefore("Glоbal", 4), 3u);  // "Glо" is 4 bytes
  size_t offset = 0;
  EXPECT_EQ(NextCodePoint("\xFF", &offset), 0xFFu);  // an invalid byte decodes as itself
  EXPECT_EQ(offset, 1u);
}

}  // namespace
}  // namespace rolec::compiler
