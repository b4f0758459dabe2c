// Matching semantics of action patterns (runtime/action_pattern.h) as data tables.
#include "runtime/action_pattern.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "support/random.h"

namespace rolec::testing {
namespace {

using runtime::ActionError;
using runtime::EqualsIgnoreCase;
using runtime::HashIgnoreCase;
using runtime::IsConcrete;
using runtime::ActionSegments;
using runtime::IsAdminUnitMemberAction;
using runtime::IsReadAction;
using runtime::IsWellFormedPattern;
using runtime::kWitnessSegment;
using runtime::QueryWitness;
using runtime::SplitAction;
using runtime::IsWellFormedAction;
using runtime::PatternError;
using runtime::PatternMatcher;
using runtime::PatternMatches;

struct MatchRow {
  const char* pattern;
  const char* action;
  bool matches;
};

const MatchRow kMatchRows[] = {
    // Concrete patterns match themselves only.
    {"microsoft.directory/users/delete", "microsoft.directory/users/delete", true},
    {"microsoft.directory/users/delete", "microsoft.directory/users/restore", false},
    {"microsoft.directory/users/delete", "microsoft.directory/groups/delete", false},
    {"microsoft.directory/users/delete", "microsoft.azure/users/delete", false},
    // Only the entity has subtypes: a dot in a property segment or a verb is part of the name
    // (docs/semantics.md, "Dots elsewhere are names").
    {"microsoft.directory/servicePrincipals/synchronization/standard/read",
     "microsoft.directory/servicePrincipals/synchronization.customSecurityAttributes/schema/read",
     false},
    {"microsoft.directory/servicePrincipals/synchronization/allProperties/read",
     "microsoft.directory/servicePrincipals/synchronization.customSecurityAttributes/schema/read",
     false},
    {"microsoft.directory/servicePrincipals/managePermissionGrantsForAll",
     "microsoft.directory/servicePrincipals/managePermissionGrantsForAll.microsoft-company-admin",
     false},
    {"microsoft.directory/servicePrincipals/allProperties/read",
     "microsoft.directory/servicePrincipals/synchronization.customSecurityAttributes/schema/read",
     true},
    // Case differences never matter.
    {"microsoft.directory/users/password/update", "Microsoft.Directory/USERS/Password/Update", true},
    {"MICROSOFT.DIRECTORY/USERS/ALLPROPERTIES/ALLTASKS", "microsoft.directory/users/delete", true},
    {"microsoft.directory/allentities/alltasks", "microsoft.directory/users/delete", true},
    // allEntities: any entity of the namespace, never another namespace.
    {"microsoft.directory/allEntities/allTasks", "microsoft.directory/users/delete", true},
    {"microsoft.directory/allEntities/allTasks", "microsoft.directory/groups.security/create", true},
    {"microsoft.directory/allEntities/allTasks", "microsoft.azure.serviceHealth/users/delete", false},
    {"microsoft.directory/allEntities/delete", "microsoft.directory/devices/delete", true},
    {"microsoft.directory/allEntities/delete", "microsoft.directory/devices/create", false},
    // allEntities does not widen the property path: 3 segments match 3 segments.
    {"microsoft.directory/allEntities/allTasks", "microsoft.directory/users/password/update", false},
    {"microsoft.office365.serviceHealth/allEntities/allTasks",
     "microsoft.office365.serviceHealth/messages/read", true},
    // Subtypes: the supertype covers the subtype, never the reverse.
    {"microsoft.directory/groups/create", "microsoft.directory/groups.security/create", true},
    {"microsoft.directory/groups/create", "microsoft.directory/groups.unified/create", true},
    {"microsoft.directory/groups.security/create", "microsoft.directory/groups/create", false},
    {"microsoft.directory/groups.security/create", "microsoft.directory/groups.unified/create", false},
    {"microsoft.directory/groups.security/create", "microsoft.directory/groups.security/create", true},
    {"microsoft.directory/deletedItems/delete", "microsoft.directory/deletedItems.devices/delete", true},
    {"microsoft.directory/deletedItems.devices/delete", "microsoft.directory/deletedItems/delete", false},
    {"microsoft.directory/deletedItems/allProperties/allTasks",
     "microsoft.directory/deletedItems.devices/delete", true},
    // A prefix is not a subtype: only a dot separates one.
    {"microsoft.directory/group/create", "microsoft.directory/groups/create", false},
    {"microsoft.directory/groups/create", "microsoft.directory/groupsX/create", false},
    {"microsoft.directory/groups.sec/create", "microsoft.directory/groups.security/create", false},
    // Subtypes nest.
    {"microsoft.directory/groups/create", "microsoft.directory/groups.security.x/create", true},
    {"microsoft.directory/groups.security/create", "microsoft.directory/groups.security.x/create", true},
    // allProperties: any property path, including none and several segments.
    {"microsoft.directory/users/allProperties/allTasks", "microsoft.directory/users/delete", true},
    {"microsoft.directory/users/allProperties/allTasks", "microsoft.directory/users/password/update", true},
    {"microsoft.directory/users/allProperties/allTasks",
     "microsoft.directory/users/authenticationMethods/standard/restrictedRead", true},
    {"microsoft.directory/users/allProperties/read", "microsoft.directory/users/standard/read", true},
    {"microsoft.directory/users/allProperties/read", "microsoft.directory/users/standard/update", false},
    {"microsoft.directory/users/allProperties/read", "microsoft.directory/users/read", true},
    {"microsoft.directory/users/allProperties/allTasks", "microsoft.directory/groups/delete", false},
    // Property sets match only themselves: standard, basic and named sets.
    {"microsoft.directory/users/standard/read", "microsoft.directory/users/standard/read", true},
    {"microsoft.directory/users/standard/read", "microsoft.directory/users/basic/read", false},
    {"microsoft.directory/users/basic/update", "microsoft.directory/users/basic/update", true},
    {"microsoft.directory/users/basic/update", "microsoft.directory/users/password/update", false},
    {"microsoft.directory/users/basic/update", "microsoft.directory/users/update", false},
    {"microsoft.directory/users/update", "microsoft.directory/users/basic/update", false},
    {"microsoft.directory/users/password/update", "microsoft.directory/users/password/update", true},
    {"microsoft.directory/users/password/allTasks", "microsoft.directory/users/password/update", true},
    // A longer concrete property path must match segment for segment.
    {"microsoft.directory/users/authenticationMethods/standard/read",
     "microsoft.directory/users/authenticationMethods/standard/read", true},
    {"microsoft.directory/users/authenticationMethods/standard/read",
     "microsoft.directory/users/authenticationMethods/basic/read", false},
    {"microsoft.directory/users/authenticationMethods/allTasks",
     "microsoft.directory/users/authenticationMethods/standard/read", false},
    // allTasks: any verb.
    {"microsoft.directory/users/allTasks", "microsoft.directory/users/delete", true},
    {"microsoft.directory/users/allTasks", "microsoft.directory/users/password/update", false},
    // Six and seven segments.
    {"microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", true},
    {"microsoft.directory/verifiableCredentials/allProperties/allTasks",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", true},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/cards/allTasks",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", true},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allTasks",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", false},
    {"microsoft.directory/a/b/c/d/e/allTasks", "microsoft.directory/a/b/c/d/e/f", true},
    {"microsoft.directory/a/b/c/d/e/f", "microsoft.directory/a/b/c/d/e/f", true},
    {"microsoft.directory/a/b/c/d/x/f", "microsoft.directory/a/b/c/d/e/f", false},
    {"microsoft.directory/allEntities/allProperties/allTasks", "microsoft.directory/a/b/c/d/e/f", true},
    // allProperties after fixed property segments: those segments, then any continuation.
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/contracts/update", true},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/update", true},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/x/update", true},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/update", false},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/other/update", false},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/allProperties/update",
     "microsoft.directory/verifiableCredentials/configuration/contracts/cards/revoke", false},
    {"microsoft.directory/verifiableCredentials/CONFIGURATION/allproperties/UPDATE",
     "microsoft.directory/verifiableCredentials/configuration/contracts/update", true},
    {"microsoft.directory/accessReviews/definitions/allProperties/allTasks",
     "microsoft.directory/accessReviews/definitions/create", true},
    {"microsoft.directory/accessReviews/definitions/allProperties/allTasks",
     "microsoft.directory/accessReviews/create", false},
    {"microsoft.directory/accessReviews/definitions/allProperties/allTasks",
     "microsoft.directory/accessReviews.x/definitions/decisions/read", true},
    // Malformed inputs never match (and never crash).
    {"microsoft.directory/users", "microsoft.directory/users", false},
    {"microsoft.directory/users/delete", "microsoft.directory/users", false},
    {"", "", false},
    {"a/b/c/d/e/f/g/h", "a/b/c/d/e/f/g/h", false},
};

TEST(PatternMatches, Table) {
  for (const MatchRow& row : kMatchRows) {
    EXPECT_EQ(PatternMatches(row.pattern, row.action), row.matches)
        << "pattern " << row.pattern << "\naction  " << row.action;
  }
}

// PatternMatcher's prefilter rejects only what PatternMatches rejects: on every pattern of the
// table against every action of the table, and on random pairs built from segments that stress
// the prefilter (case, dotted subtypes, prefixes of each other, keywords, empty segments).
TEST(PatternMatcher, AgreesWithPatternMatches) {
  for (const MatchRow& p : kMatchRows) {
    const PatternMatcher matcher(p.pattern);
    for (const MatchRow& a : kMatchRows) {
      for (const char* action : {a.action, a.pattern}) {
        EXPECT_EQ(matcher.Matches(action), PatternMatches(p.pattern, action))
            << "pattern " << p.pattern << "\naction  " << action;
      }
    }
  }
  const char* const kSegments[] = {"ns", "NS", "ns.x", "n", "e", "E", "e.s", "E.S.t", "es", "e.",
                                   "allEntities", "ALLENTITIES", "allProperties", "allTasks",
                                   "read", "Read", "update", ""};
  test_support::Random random(20261207);
  const char* const kConcrete[] = {"ns", "e", "e.s", "read", "update", "x"};
  auto make = [&] {
    std::string text = random.Pick(kSegments);
    const int more = random.Chance(80) ? random.Uniform(2, 4) : random.Uniform(0, 7);
    for (int i = 0; i < more; ++i) text += std::string("/") + random.Pick(kSegments);
    return text;
  };
  // An action near the pattern: keywords replaced by concrete segments, some segments changed.
  auto near = [&](const std::string& pattern) {
    std::string text;
    size_t start = 0;
    while (start <= pattern.size()) {
      size_t end = pattern.find('/', start);
      if (end == std::string::npos) end = pattern.size();
      std::string segment = pattern.substr(start, end - start);
      if (segment.rfind("all", 0) == 0 || segment.rfind("ALL", 0) == 0 || random.Chance(15)) {
        segment = random.Pick(kConcrete);
      }
      if (random.Chance(10)) segment += ".s";
      text += (text.empty() && start == 0 ? "" : "/") + segment;
      start = end + 1;
    }
    return text;
  };
  int matched = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string pattern = make();
    const std::string action = random.Chance(50) ? near(pattern) : make();
    const bool expected = PatternMatches(pattern, action);
    matched += expected ? 1 : 0;
    ASSERT_EQ(PatternMatcher(pattern).Matches(action), expected)
        << "pattern " << pattern << "\naction  " << action;
  }
  EXPECT_GT(matched, 100);  // the pairs reach the full match, not only the prefilter
}

TEST(PatternMatches, WellFormedRowsAreWellFormed) {
  // Every row but the malformed ones uses a well-formed pattern and a concrete action, so the
  // table tests matching, not rejection.
  for (const MatchRow& row : kMatchRows) {
    std::string pattern_error = PatternError(row.pattern);
    std::string action_error = ActionError(row.action);
    if (pattern_error.empty() && action_error.empty()) continue;
    EXPECT_FALSE(row.matches) << row.pattern << " / " << row.action;
  }
}

struct ErrorRow {
  const char* text;
  const char* pattern_error;  // "" = well-formed pattern
  const char* action_error;   // "" = well-formed concrete action
};

const ErrorRow kErrorRows[] = {
    {"microsoft.directory/users/delete", "", ""},
    {"microsoft.directory/users/password/update", "", ""},
    {"microsoft.directory/a/b/c/d/e/f", "", ""},
    {"microsoft.directory/users/allProperties/allTasks", "",
     "keyword 'allProperties' in segment 3: an action must be concrete, not a pattern"},
    {"microsoft.directory/allEntities/allTasks", "",
     "keyword 'allEntities' in segment 2: an action must be concrete, not a pattern"},
    {"microsoft.directory/users/ALLTASKS", "",
     "keyword 'allTasks' in segment 3: an action must be concrete, not a pattern"},
    {"", "an action cannot be empty", "an action cannot be empty"},
    {"microsoft.directory/users", "an action has 3 to 7 segments, this has 2",
     "an action has 3 to 7 segments, this has 2"},
    {"microsoft.directory", "an action has 3 to 7 segments, this has 1",
     "an action has 3 to 7 segments, this has 1"},
    {"a/b/c/d/e/f/g/h", "an action has 3 to 7 segments, this has 8",
     "an action has 3 to 7 segments, this has 8"},
    {"microsoft.directory//delete", "segment 2 is empty", "segment 2 is empty"},
    {"microsoft.directory/users/delete/", "segment 4 is empty", "segment 4 is empty"},
    {"/microsoft.directory/users/delete", "segment 1 is empty", "segment 1 is empty"},
    {"microsoft.directory/us ers/delete",
     "segment 2 contains byte 0x20; segments use only letters, digits, '_', '-' and '.'",
     "segment 2 contains byte 0x20; segments use only letters, digits, '_', '-' and '.'"},
    {"microsoft.directory/users/del*te",
     "segment 3 contains '*'; segments use only letters, digits, '_', '-' and '.'",
     "segment 3 contains '*'; segments use only letters, digits, '_', '-' and '.'"},
    {"microsoft.directory/groups./create", "segment 2 ('groups.') has an empty part between dots",
     "segment 2 ('groups.') has an empty part between dots"},
    {"microsoft..directory/users/delete",
     "segment 1 ('microsoft..directory') has an empty part between dots",
     "segment 1 ('microsoft..directory') has an empty part between dots"},
    {"microsoft.directory/allTasks/delete", "keyword 'allTasks' is only valid as the last segment",
     "keyword 'allTasks' in segment 2: an action must be concrete, not a pattern"},
    {"allEntities/users/delete",
     "keyword 'allEntities' is only valid as the entity (the second segment)",
     "keyword 'allEntities' in segment 1: an action must be concrete, not a pattern"},
    {"microsoft.directory/users/allEntities",
     "keyword 'allEntities' is only valid as the entity (the second segment)",
     "keyword 'allEntities' in segment 3: an action must be concrete, not a pattern"},
    {"microsoft.directory/users/allProperties",
     "keyword 'allProperties' is only valid as the last segment of the property path (just before "
     "the verb)",
     "keyword 'allProperties' in segment 3: an action must be concrete, not a pattern"},
    {"microsoft.directory/users/allProperties/password/update",
     "keyword 'allProperties' is only valid as the last segment of the property path (just before "
     "the verb)",
     "keyword 'allProperties' in segment 3: an action must be concrete, not a pattern"},
    {"microsoft.directory/users/password/allProperties/update", "",
     "keyword 'allProperties' in segment 4: an action must be concrete, not a pattern"},
    {"microsoft.directory/verifiableCredentials/configuration/contracts/cards/allProperties/read", "",
     "keyword 'allProperties' in segment 6: an action must be concrete, not a pattern"},
    {"microsoft.directory/allProperties/allTasks",
     "keyword 'allProperties' is only valid as the last segment of the property path (just before "
     "the verb)",
     "keyword 'allProperties' in segment 2: an action must be concrete, not a pattern"},
};

TEST(PatternError, Table) {
  for (const ErrorRow& row : kErrorRows) {
    EXPECT_EQ(PatternError(row.text), row.pattern_error) << row.text;
    EXPECT_EQ(ActionError(row.text), row.action_error) << row.text;
    EXPECT_EQ(IsWellFormedAction(row.text), std::string(row.action_error).empty()) << row.text;
  }
}

TEST(PatternError, NonPrintableBytesAreShownAsHex) {
  EXPECT_EQ(ActionError(std::string("microsoft.directory/users/del\x01te")),
            "segment 3 contains byte 0x01; segments use only letters, digits, '_', '-' and '.'");
  EXPECT_EQ(ActionError(std::string("microsoft.directory/users/del\xc3\xa9te")),
            "segment 3 contains byte 0xc3; segments use only letters, digits, '_', '-' and '.'");
}

TEST(IsConcrete, KeywordsAnywhere) {
  EXPECT_TRUE(IsConcrete("microsoft.directory/users/delete"));
  EXPECT_FALSE(IsConcrete("microsoft.directory/users/allTasks"));
  EXPECT_FALSE(IsConcrete("microsoft.directory/allEntities/delete"));
  EXPECT_FALSE(IsConcrete("microsoft.directory/users/allproperties/read"));
  EXPECT_FALSE(IsConcrete("a/b/c/d/e/f/g/h/allTasks"));
}

TEST(IsReadAction, ReadVerbsAndModifications) {
  EXPECT_TRUE(IsReadAction("microsoft.directory/users/standard/read"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/users/standard/READ"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/users/authenticationMethods/standard/restrictedRead"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/groups/memberOf/limitedRead"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/users/readBasic"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/applications/getPasswordSingleSignOnCredentials"));
  EXPECT_TRUE(IsReadAction("microsoft.directory/serviceAction/getAvailableExtentionProperties"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/users/read/update"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/users/password/update"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/users/readiness/update"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/users/reprocessLicenseAssignment"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/applications/managePasswordSingleSignOnCredentials"));
  EXPECT_FALSE(IsReadAction("microsoft.directory/users/allTasks"));
}

TEST(IsAdminUnitMemberAction, UsersGroupsDevicesOfTheDirectory) {
  auto member = [](std::string_view action) { return IsAdminUnitMemberAction(SplitAction(action)); };
  EXPECT_TRUE(member("microsoft.directory/users/password/update"));
  EXPECT_TRUE(member("Microsoft.Directory/Users/delete"));
  EXPECT_TRUE(member("microsoft.directory/groups.security/members/update"));
  EXPECT_TRUE(member("microsoft.directory/devices/bitLockerRecoveryKeys/read"));
  EXPECT_FALSE(member("microsoft.directory/groupsAssignableToRoles/create"));
  EXPECT_FALSE(member("microsoft.directory/domains/allProperties/allTasks"));
  EXPECT_FALSE(member("microsoft.directory/deletedItems.users/restore"));
  EXPECT_FALSE(member("microsoft.directory/allEntities/allTasks"));
  EXPECT_FALSE(member("microsoft.office365.exchange/users/read"));
  EXPECT_FALSE(member("microsoft.directory/users"));
}

TEST(IsBitLockerKeyRead, OnlyTheKeyItself) {
  auto key = [](std::string_view action) { return runtime::IsBitLockerKeyRead(SplitAction(action)); };
  EXPECT_TRUE(key("microsoft.directory/bitlockerKeys/key/read"));
  EXPECT_TRUE(key("MICROSOFT.DIRECTORY/BitLockerKeys/KEY/READ"));
  EXPECT_FALSE(key("microsoft.directory/bitlockerKeys/metadata/read"));
  EXPECT_FALSE(key("microsoft.directory/bitlockerKeys/key/read/extra"));
  EXPECT_FALSE(key("microsoft.directory/bitlockerKeys/key"));
  EXPECT_FALSE(key("microsoft.intune/bitlockerKeys/key/read"));
}

TEST(QueryWitness, KeywordsBecomeAFreshName) {
  const ActionSegments witness = QueryWitness("microsoft.directory/allEntities/allProperties/allTasks");
  ASSERT_EQ(witness.count, 4u);
  EXPECT_EQ(witness.part[1], kWitnessSegment);
  EXPECT_EQ(witness.part[2], kWitnessSegment);
  EXPECT_EQ(witness.part[3], kWitnessSegment);
  // Only a pattern that covers the whole query covers its witness.
  const ActionSegments reads = QueryWitness("microsoft.directory/users/allProperties/read");
  EXPECT_TRUE(PatternMatches("microsoft.directory/users/allProperties/read", reads));
  EXPECT_TRUE(PatternMatches("microsoft.directory/allEntities/allProperties/allTasks", reads));
  EXPECT_FALSE(PatternMatches("microsoft.directory/users/standard/read", reads));
  EXPECT_FALSE(PatternMatches("microsoft.directory/users/read", reads));
  EXPECT_FALSE(PatternMatches("microsoft.directory/users/allProperties/update", reads));
  const ActionSegments fixed = QueryWitness("microsoft.directory/users/authenticationMethods/allProperties/read");
  EXPECT_TRUE(PatternMatches("microsoft.directory/users/allProperties/read", fixed));
  EXPECT_FALSE(PatternMatches("microsoft.directory/users/standard/allProperties/read", fixed));
}

TEST(IsWellFormedPattern, KeywordsOnlyInTheirPlaces) {
  EXPECT_TRUE(IsWellFormedPattern("microsoft.directory/users/allProperties/allTasks"));
  EXPECT_TRUE(IsWellFormedPattern("microsoft.directory/users/delete"));
  EXPECT_FALSE(IsWellFormedPattern("microsoft.directory/allTasks/delete"));
  EXPECT_FALSE(IsWellFormedPattern("microsoft.directory/users/allProperties"));
  EXPECT_FALSE(IsWellFormedPattern("microsoft.directory/users/*/read"));
  EXPECT_FALSE(IsWellFormedPattern(""));
}

TEST(EqualsIgnoreCase, AsciiOnly) {
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_TRUE(EqualsIgnoreCase("Users", "uSERS"));
  EXPECT_TRUE(EqualsIgnoreCase("microsoft.directory/users/password/UPDATE",
                               "Microsoft.Directory/Users/Password/update"));
  EXPECT_FALSE(EqualsIgnoreCase("users", "user"));
  EXPECT_FALSE(EqualsIgnoreCase("microsoft.directory/users/password/update",
                                "microsoft.directory/users/password/updatf"));
  // Only A-Z fold: '@' (0x40) and '`' (0x60), '[' (0x5B) and '{' (0x7B) differ by the case bit
  // but are not letters.
  EXPECT_FALSE(EqualsIgnoreCase("@", "`"));
  EXPECT_FALSE(EqualsIgnoreCase("[[[[[[[[[", "{{{{{{{{{"));
  EXPECT_FALSE(EqualsIgnoreCase("\xc3\x89", "\xe3\xa9"));
  // Every length, every position of a difference, in the word-at-a-time and the tail paths.
  for (size_t n = 1; n < 40; ++n) {
    std::string a(n, 'q');
    std::string b(n, 'Q');
    EXPECT_TRUE(EqualsIgnoreCase(a, b)) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = b;
      c[i] = 'R';
      EXPECT_FALSE(EqualsIgnoreCase(a, c)) << n << " " << i;
    }
  }
}

TEST(HashIgnoreCase, FoldsCaseAndSeparatesTexts) {
  for (size_t n = 0; n < 40; ++n) {
    std::string lower(n, 'a');
    for (size_t i = 0; i < n; ++i) lower[i] = static_cast<char>('a' + (i * 7) % 26);
    std::string upper = lower;
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    EXPECT_EQ(HashIgnoreCase(lower), HashIgnoreCase(upper)) << n;
    if (n > 0) {
      std::string changed = lower;
      changed[n - 1] = changed[n - 1] == 'z' ? 'y' : 'z';
      EXPECT_NE(HashIgnoreCase(lower), HashIgnoreCase(changed)) << n;
    }
  }
  // Length is mixed in: trailing NULs are not invisible.
  EXPECT_NE(HashIgnoreCase(std::string("ab")), HashIgnoreCase(std::string("ab\0", 3)));
  // The hash lays out the image's indexes, so it is part of the format (docs/bytecode.md): pin
  // it, so that a change to it is a deliberate format version change.
  EXPECT_EQ(HashIgnoreCase(""), 0xe84b1ed1d6558ce9u);
  EXPECT_EQ(HashIgnoreCase("A"), 0x4cf1ca4f67427d57u);
  EXPECT_EQ(HashIgnoreCase("MICROSOFT.DIRECTORY/USERS/DELETE"), 0xc4d61d124474a944u);
}

}  // namespace
}  // namespace rolec::testing
