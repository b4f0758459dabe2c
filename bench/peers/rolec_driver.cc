// bench/peers/rolec_driver.cc — rolec in the shared peer harness (../shared/bench-peers).
//
//   rolec_peer_driver ROOT          engine "rolec":     principal, target and action strings looked up
//                                   inside the timed decision, as every peer pays
//   rolec_peer_driver ROOT --ids    engine "rolec-ids": request strings resolved during load (their
//                                   cost is in load_ms and in the notes); the decision is Check on ids
//
// ROOT is the harness directory (the one with scenario/ and requests.jsonl). The protocol — load,
// warm-up, calibration, timed passes, comparison with expected_decisions.txt, one JSON result line —
// is the harness's own drivers/bench_harness.hpp, the same code that times its ideal-cpp anchor.
// Load (load_ms) converts scenario/*.json to .role source, compiles it with rolec::Compile
// (stdlib off), loads the image and indexes the directory: bench/peers/peer_scenario.h.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench/peers/peer_scenario.h"
#include "bench_harness.hpp"

namespace {

std::unique_ptr<rolec::bench::PeerEngine> LoadOrDie(const std::string& root) {
  absl::StatusOr<std::unique_ptr<rolec::bench::PeerEngine>> engine = rolec::bench::PeerEngine::Load(root);
  if (!engine.ok()) {
    std::cerr << "rolec driver: " << engine.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(*engine);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  bool ids = false;
  for (int i = 2; i < argc; ++i) ids = ids || std::string(argv[i]) == "--ids";
  if (const char* env = std::getenv("ROLEC_IDS")) ids = ids || (*env && *env != '0');

  static std::unique_ptr<rolec::bench::PeerEngine> engine;
  static std::vector<rolec::bench::PeerEngine::ResolvedRequest> resolved;
  const std::string version = std::string("rolec 0.1.0; g++ ") + __VERSION__ + " -O2 (no -march=native)";

  if (!ids) {
    return peerbench::run(
        root, "rolec", version,
        "Policy::Check with the action as a string (case-insensitive hash in the image's action index); "
        "principal and target found by their id strings in an open-addressing table, every request",
        [&](const peerbench::Requests& requests) {
          engine = LoadOrDie(root);
          const peerbench::Requests* r = &requests;
          return [r](size_t i) { return engine->Decide(r->principal[i], r->action[i], r->target[i]); };
        });
  }
  // The harness prints `notes` after load, so load can add the measured resolution time to them.
  std::string notes = "request strings resolved to user indices and catalog action ids during load; "
                      "timed decision = Policy::Check with a pre-resolved action id";
  return peerbench::run(root, "rolec-ids", version, notes, [&](const peerbench::Requests& requests) {
    engine = LoadOrDie(root);
    auto start = peerbench::Clock::now();
    resolved.resize(requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      resolved[i] = engine->Resolve(requests.principal[i], requests.action[i], requests.target[i]);
    }
    double ms = peerbench::secs(start, peerbench::Clock::now()) * 1e3;
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, " (resolving the %zu requests took %.1f ms, included in load_ms)",
                  requests.size(), ms);
    notes += buffer;
    return [](size_t i) { return engine->Decide(resolved[i]); };
  });
}
