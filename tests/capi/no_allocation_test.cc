// A check through the C API allocates nothing (issue 14): rolec_check, rolec_check_id,
// rolec_check_batch and rolec_engine_check, with a prepared principal and a target within the
// inline sizes, are counted with a replaced global operator new (this binary's only one).
#include <atomic>
#include <cstdlib>
#include <new>

#include "gtest/gtest.h"
#include "tests/capi/capi_fixture.h"

namespace {
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, std::align_val_t align) {
  ++allocations;
  const std::size_t a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (size + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t align) { return operator new(size, align); }
// The nothrow forms too (std::stable_sort's temporary buffer uses one): every form must come from
// this file, or an allocation by the runtime's operator new would be freed here — ASan reports
// that as alloc-dealloc-mismatch in every test of the binary.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return operator new(size, std::nothrow); }
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  ++allocations;
  const std::size_t a = static_cast<std::size_t>(align);
  return std::aligned_alloc(a, (size + a - 1) / a * a);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return operator new(size, align, std::nothrow);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace rolec::capi_testing {
namespace {

TEST(CapiNoAllocation, ChecksAllocateNothing) {
  PolicyPtr policy = CompileOrDie(kSmallPolicy);
  PolicyPtr other = CompileOrDie(kSmallPolicy);
  PrincipalPtr helpdesk = Prepare(policy.get(), "Helpdesk", "au-1");
  rolec_engine* raw = nullptr;
  ASSERT_EQ(rolec_engine_new(policy.get(), &raw), ROLEC_OK);
  EnginePtr engine(raw);
  const rolec_action_id reset = Action(policy.get(), "microsoft.directory/users/password/update");
  const rolec_role_id reader = Role(policy.get(), "Reader");
  const rolec_string_view names[] = {View("Reader"), View("reader")};
  const rolec_string_view units[] = {View("au-1"), View("au-2")};
  const rolec_string_view owners[] = {View("bob")};
  rolec_target target = {};
  target.kind = ROLEC_TARGET_USER;
  target.id = View("carol");
  target.roles = &reader;
  target.role_count = 1;
  target.role_names = names;
  target.role_name_count = 2;
  target.admin_units = units;
  target.admin_unit_count = 2;
  target.restricted_admin_units = units;
  target.restricted_admin_unit_count = 1;
  target.owners = owners;
  target.owner_count = 1;
  const rolec_context context = {true};
  rolec_request requests[2] = {
      {helpdesk.get(), reset, {nullptr, 0}, &target, &context},
      {helpdesk.get(), ROLEC_NO_ACTION, View("microsoft.directory/users/password/update"),
       &target, nullptr},
  };
  rolec_decision decisions[2];
  rolec_decision d = ROLEC_DENY;

  const long before = allocations;
  for (int i = 0; i < 100; ++i) {
    rolec_check_id(policy.get(), helpdesk.get(), reset, &target, &context, &d);
    rolec_check(policy.get(), helpdesk.get(), "microsoft.directory/users/password/update",
                ROLEC_NUL_TERMINATED, &target, nullptr, &d);
    rolec_check_batch(policy.get(), requests, 2, decisions);
    rolec_engine_check(engine.get(), helpdesk.get(), "microsoft.directory/users/password/update",
                       ROLEC_NUL_TERMINATED, &target, nullptr, &d);
    // A principal of another image: its roles are looked up by name, still without allocating.
    rolec_check(other.get(), helpdesk.get(), "microsoft.directory/users/password/update",
                ROLEC_NUL_TERMINATED, &target, nullptr, &d);
  }
  const long during = allocations - before;
  EXPECT_EQ(during, 0);
  EXPECT_EQ(d, ROLEC_ALLOW);
  EXPECT_EQ(decisions[0], ROLEC_ALLOW);
  EXPECT_EQ(decisions[1], ROLEC_ALLOW);

  // The counter counts: preparing a principal allocates.
  rolec_principal* principal = nullptr;
  const long prepare_before = allocations;
  const rolec_assignment assignment = {reader, View("")};
  ASSERT_EQ(rolec_principal_prepare(policy.get(), "p", ROLEC_NUL_TERMINATED, &assignment, 1,
                                    &principal),
            ROLEC_OK);
  EXPECT_GT(allocations - prepare_before, 0);
  rolec_principal_free(principal);
}

}  // namespace
}  // namespace rolec::capi_testing
