// Engines: checks through the current image, swaps, acquired snapshots, error paths; and the
// hot-reload stress test (CapiReload.*), which scripts/sanitize.sh also runs under ThreadSanitizer.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/capi/capi_fixture.h"

namespace rolec::capi_testing {
namespace {

constexpr const char* kReset = "microsoft.directory/users/password/update";
constexpr const char* kRead = "microsoft.directory/users/standard/read";

// Two versions of one policy. Version 1 lets Helpdesk reset any user's password; version 2 only
// of users holding no role outside {Reader}, and it declares its roles in another order (every
// role id differs between the two) plus a marker role "Version 2".
std::string Source(int version) {
  std::string text =
      "action microsoft.directory/users/password/update { description \"Reset passwords\" }\n"
      "action microsoft.directory/users/standard/read { description \"Read users\" }\n";
  if (version == 1) {
    text += "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
            "role \"Helpdesk\" { allow microsoft.directory/users/password/update }\n";
  } else {
    text += "role \"Version 2\" {}\n"
            "role \"Reader\" { allow microsoft.directory/users/standard/read }\n"
            "role \"Helpdesk\" {\n"
            "  allow microsoft.directory/users/password/update when target.roles within "
            "[\"Reader\"]\n"
            "}\n";
  }
  return text;
}

PolicyPtr Version(int version) { return CompileOrDie(Source(version).c_str()); }

rolec_decision EngineCheck(rolec_engine* engine, const rolec_principal* principal,
                           const char* action, const rolec_target* target) {
  rolec_decision decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_engine_check(engine, principal, action, ROLEC_NUL_TERMINATED, target, nullptr,
                               &decision),
            ROLEC_OK)
      << rolec_last_error();
  return decision;
}

TEST(CapiEngine, ChecksUseTheCurrentImage) {
  PolicyPtr v1 = Version(1), v2 = Version(2);
  ASSERT_NE(Role(v1.get(), "Helpdesk"), Role(v2.get(), "Helpdesk"));
  ASSERT_NE(Role(v1.get(), "Reader"), Role(v2.get(), "Reader"));
  rolec_engine* raw = nullptr;
  ASSERT_EQ(rolec_engine_new(v1.get(), &raw), ROLEC_OK);
  EnginePtr engine(raw);
  PrincipalPtr helpdesk = Prepare(v1.get(), "Helpdesk");
  const rolec_string_view admin_roles[] = {View("Helpdesk")};
  rolec_target admin = {};
  admin.kind = ROLEC_TARGET_USER;
  admin.role_names = admin_roles;
  admin.role_name_count = 1;

  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kReset, &admin), ROLEC_ALLOW);
  v1.reset();  // the engine holds the image
  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kReset, &admin), ROLEC_ALLOW);
  ASSERT_EQ(rolec_engine_swap(engine.get(), v2.get()), ROLEC_OK);
  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kReset, &admin), ROLEC_DENY);
  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kReset, nullptr), ROLEC_ALLOW);
  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kRead, nullptr), ROLEC_DENY);

  rolec_policy* snapshot = nullptr;
  ASSERT_EQ(rolec_engine_acquire(engine.get(), &snapshot), ROLEC_OK);
  PolicyPtr current(snapshot);
  EXPECT_NE(Role(current.get(), "Version 2"), ROLEC_NO_ROLE);
  PolicyPtr v3 = Version(1);
  ASSERT_EQ(rolec_engine_swap(engine.get(), v3.get()), ROLEC_OK);
  EXPECT_EQ(EngineCheck(engine.get(), helpdesk.get(), kReset, &admin), ROLEC_ALLOW);
  v2.reset();
  // The acquired snapshot still answers with version 2.
  rolec_decision decision = ROLEC_ALLOW;
  ASSERT_EQ(rolec_check(current.get(), helpdesk.get(), kReset, ROLEC_NUL_TERMINATED, &admin,
                        nullptr, &decision),
            ROLEC_OK);
  EXPECT_EQ(decision, ROLEC_DENY);
}

TEST(CapiEngine, BadArgumentsAreErrors) {
  PolicyPtr v1 = Version(1);
  PrincipalPtr helpdesk = Prepare(v1.get(), "Helpdesk");
  rolec_engine* engine = reinterpret_cast<rolec_engine*>(1);
  EXPECT_EQ(rolec_engine_new(nullptr, &engine), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(engine, nullptr);
  EXPECT_EQ(rolec_engine_new(v1.get(), nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  ASSERT_EQ(rolec_engine_new(v1.get(), &engine), ROLEC_OK);
  EXPECT_EQ(rolec_engine_swap(nullptr, v1.get()), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_engine_swap(engine, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  rolec_policy* policy = reinterpret_cast<rolec_policy*>(1);
  EXPECT_EQ(rolec_engine_acquire(nullptr, &policy), ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(policy, nullptr);
  EXPECT_EQ(rolec_engine_acquire(engine, nullptr), ROLEC_ERR_INVALID_ARGUMENT);
  rolec_decision decision = ROLEC_ALLOW;
  EXPECT_EQ(rolec_engine_check(nullptr, helpdesk.get(), kRead, ROLEC_NUL_TERMINATED, nullptr,
                               nullptr, &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(decision, ROLEC_DENY);
  EXPECT_EQ(rolec_engine_check(engine, nullptr, kRead, ROLEC_NUL_TERMINATED, nullptr, nullptr,
                               &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_engine_check(engine, helpdesk.get(), nullptr, 3, nullptr, nullptr, &decision),
            ROLEC_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(rolec_engine_check(engine, helpdesk.get(), kRead, ROLEC_NUL_TERMINATED, nullptr,
                               nullptr, nullptr),
            ROLEC_ERR_INVALID_ARGUMENT);
  rolec_engine_free(engine);
  rolec_engine_free(nullptr);
}

// N readers check through the engine while a writer swaps between the two versions 1000 times.
// A reader's principal was prepared against version 1, so after the first swap every check
// resolves its roles by name in the image it got. Each decision must be one of the two images':
// through rolec_engine_check, the request that differs between them may come out either way but
// the ones that agree must not change; through an acquired snapshot, the decision must be exactly
// that snapshot's version's.
TEST(CapiReload, ReadersCheckWhileAWriterSwapsAThousandTimes) {
  PolicyPtr versions[2] = {Version(1), Version(2)};
  ASSERT_NE(versions[0], nullptr);
  ASSERT_NE(versions[1], nullptr);
  rolec_engine* raw = nullptr;
  ASSERT_EQ(rolec_engine_new(versions[0].get(), &raw), ROLEC_OK);
  EnginePtr engine(raw);
  PrincipalPtr helpdesk = Prepare(versions[0].get(), "Helpdesk");
  PrincipalPtr reader = Prepare(versions[0].get(), "Reader");

  constexpr int kReaders = 4;
  constexpr int kSwaps = 1000;
  std::atomic<bool> stop{false};
  std::atomic<int> wrong{0};
  std::atomic<long> checks{0};
  std::atomic<long> seen[2] = {0, 0};  // the differing request answered as version 1 / version 2

  auto read = [&] {
    const rolec_string_view admin_roles[] = {View("Helpdesk")};
    rolec_target admin = {};
    admin.kind = ROLEC_TARGET_USER;
    admin.role_names = admin_roles;
    admin.role_name_count = 1;
    long local = 0;
    while (!stop.load(std::memory_order_relaxed) || local < 2000) {
      rolec_decision d = ROLEC_DENY;
      // Differs: v1 allow, v2 deny.
      if (rolec_engine_check(engine.get(), helpdesk.get(), kReset, ROLEC_NUL_TERMINATED, &admin,
                             nullptr, &d) != ROLEC_OK) {
        wrong.fetch_add(1);
      }
      seen[d == ROLEC_ALLOW ? 0 : 1].fetch_add(1, std::memory_order_relaxed);
      // Agree: allow in both, deny in both.
      if (rolec_engine_check(engine.get(), reader.get(), kRead, ROLEC_NUL_TERMINATED, nullptr,
                             nullptr, &d) != ROLEC_OK ||
          d != ROLEC_ALLOW) {
        wrong.fetch_add(1);
      }
      if (rolec_engine_check(engine.get(), reader.get(), kReset, ROLEC_NUL_TERMINATED, nullptr,
                             nullptr, &d) != ROLEC_OK ||
          d != ROLEC_DENY) {
        wrong.fetch_add(1);
      }
      // A snapshot: exactly its version's answer.
      if (local % 16 == 0) {
        rolec_policy* snapshot = nullptr;
        if (rolec_engine_acquire(engine.get(), &snapshot) != ROLEC_OK) {
          wrong.fetch_add(1);
        } else {
          rolec_role_id marker = ROLEC_NO_ROLE;
          const bool v2 = rolec_policy_find_role(snapshot, "Version 2", ROLEC_NUL_TERMINATED,
                                                 &marker) == ROLEC_OK;
          if (rolec_check(snapshot, helpdesk.get(), kReset, ROLEC_NUL_TERMINATED, &admin, nullptr,
                          &d) != ROLEC_OK ||
              d != (v2 ? ROLEC_DENY : ROLEC_ALLOW)) {
            wrong.fetch_add(1);
          }
          rolec_policy_free(snapshot);
        }
      }
      ++local;
    }
    checks.fetch_add(local * 3);
  };

  // Each swap installs a freshly loaded image whose handle is freed at once: the engine holds the
  // only reference, so the next swap frees it (once its last reader is done).
  std::string images[2];
  for (int v = 0; v < 2; ++v) {
    const std::string text = Source(v + 1);
    rolec_source source = {"reload.role", text.c_str(), text.size()};
    char* image = nullptr;
    size_t length = 0;
    ASSERT_EQ(rolec_compile(&source, 1, ROLEC_COMPILE_NO_STDLIB, &image, &length, nullptr),
              ROLEC_OK);
    images[v].assign(image, length);
    rolec_string_free(image);
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < kReaders; ++i) threads.emplace_back(read);
  auto swap_to = [&](int version) {
    rolec_policy* next = nullptr;
    ASSERT_EQ(rolec_policy_load(images[version].data(), images[version].size(), &next), ROLEC_OK);
    ASSERT_EQ(rolec_engine_swap(engine.get(), next), ROLEC_OK);
    rolec_policy_free(next);
  };
  for (int swap = 1; swap <= kSwaps; ++swap) swap_to(swap % 2);
  // Go on (boundedly) until the readers have met both versions, so the test proves something
  // even on a machine where the swaps ran before the readers started.
  for (int more = 0; more < 100000 && (seen[0].load() == 0 || seen[1].load() == 0); ++more) {
    swap_to(more % 2);
    std::this_thread::yield();
  }
  stop.store(true);
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GE(checks.load(), long{kReaders} * 2000 * 3);
  EXPECT_GT(seen[0].load(), 0);
  EXPECT_GT(seen[1].load(), 0);
}

}  // namespace
}  // namespace rolec::capi_testing
