// capi/engine.cc — engines: one current image, swapped atomically under running checks.
//
// Readers take no lock. The engine keeps two slots and a reader count per slot (the two-phase
// scheme of userspace RCU): a reader announces itself on the current slot's count, re-reads the
// current index to make sure it did not change meanwhile (else it backs off and retries), uses
// that slot's image for one check, and leaves. A writer (serialised by a mutex that readers never
// touch) fills the idle slot, publishes its index, then waits until the old slot's count drains
// to zero before releasing the old image. A check therefore costs two atomic read-modify-writes
// on the engine's counter and two loads; docs/performance.md measures it. Every operation is
// sequentially consistent: the reader's increment-then-load and the writer's store-then-load form
// the store-buffering pattern, which weaker orders would not make safe.
//
// The shared_ptr in a slot is written only by the writer, and only while no reader can be using
// that slot; readers copy it (rolec_engine_acquire) or borrow the Policy behind it. An image
// outlives its slot while a policy or principal handle still holds it.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "capi/request_view.h"

struct rolec_engine {
  std::mutex writer;                        // serialises swaps; never taken by a check
  std::atomic<uint32_t> current{0};         // the slot new readers use
  alignas(64) std::atomic<uint64_t> readers[2] = {0, 0};  // readers inside each slot
  std::shared_ptr<const rolec::Policy> slots[2];
};

namespace rolec::capi {
namespace {

// A reader's stay in one slot.
class ReadGuard {
 public:
  explicit ReadGuard(rolec_engine& engine) noexcept : engine_(engine) {
    while (true) {
      slot_ = engine_.current.load();
      engine_.readers[slot_].fetch_add(1);
      if (engine_.current.load() == slot_) break;
      engine_.readers[slot_].fetch_sub(1);  // a swap published the other slot meanwhile
    }
  }
  ~ReadGuard() { engine_.readers[slot_].fetch_sub(1); }
  ReadGuard(const ReadGuard&) = delete;
  ReadGuard& operator=(const ReadGuard&) = delete;

  const std::shared_ptr<const Policy>& policy() const noexcept { return engine_.slots[slot_]; }

 private:
  rolec_engine& engine_;
  uint32_t slot_ = 0;
};

void WaitForReaders(const std::atomic<uint64_t>& readers) {
  for (int spins = 0; readers.load() != 0; ++spins) {
    if (spins >= 64) std::this_thread::yield();
  }
}

}  // namespace

rolec_status CheckInput(const Policy& policy, const RequestInput& input, rolec_decision* decision);

}  // namespace rolec::capi

using rolec::capi::Fail;
using rolec::capi::Fence;

extern "C" {

rolec_status rolec_engine_new(const rolec_policy* policy, rolec_engine** engine) {
  if (engine == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "engine is NULL");
  *engine = nullptr;
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  return Fence([&] {
    auto created = std::make_unique<rolec_engine>();
    created->slots[0] = policy->policy;
    *engine = created.release();
    return ROLEC_OK;
  });
}

rolec_status rolec_engine_swap(rolec_engine* engine, const rolec_policy* policy) {
  if (engine == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "engine is NULL");
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  return Fence([&] {
    std::shared_ptr<const rolec::Policy> old;  // released after the lock, outside the critical part
    {
      std::lock_guard<std::mutex> lock(engine->writer);
      const uint32_t live = engine->current.load();
      const uint32_t idle = 1 - live;
      // No reader uses the idle slot: the previous swap drained it, and a reader that announced
      // itself there since backs off when it sees `current` is not idle.
      engine->slots[idle] = policy->policy;
      engine->current.store(idle);
      rolec::capi::WaitForReaders(engine->readers[live]);
      old = std::move(engine->slots[live]);
    }
    return ROLEC_OK;
  });
}

rolec_status rolec_engine_acquire(rolec_engine* engine, rolec_policy** policy) {
  if (policy == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "policy is NULL");
  *policy = nullptr;
  if (engine == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "engine is NULL");
  return Fence([&] {
    auto handle = std::make_unique<rolec_policy>();
    {
      rolec::capi::ReadGuard guard(*engine);
      handle->policy = guard.policy();
    }
    *policy = handle.release();
    return ROLEC_OK;
  });
}

rolec_status rolec_engine_check(rolec_engine* engine, const rolec_principal* principal,
                                const char* action, size_t action_length,
                                const rolec_target* target, const rolec_context* context,
                                rolec_decision* decision) {
  if (decision == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "decision is NULL");
  *decision = ROLEC_DENY;
  if (engine == nullptr) return Fail(ROLEC_ERR_INVALID_ARGUMENT, "engine is NULL");
  rolec::capi::RequestInput input;
  input.principal = principal;
  input.target = target;
  input.context = context;
  if (!rolec::capi::ReadView(action, action_length, "action", &input.action)) {
    return ROLEC_ERR_INVALID_ARGUMENT;
  }
  return Fence([&] {
    rolec::capi::ReadGuard guard(*engine);
    return rolec::capi::CheckInput(*guard.policy(), input, decision);
  });
}

void rolec_engine_free(rolec_engine* engine) { delete engine; }

}  // extern "C"
