// tests/fuzz/write_image_seeds.cc — writes SeedImages (fuzz_targets.h) to a directory, as the
// fresh starting corpus of fuzz_image: `write_image_seeds SOURCE_DIR OUT_DIR` (scripts/fuzz.sh).
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: write_image_seeds SOURCE_DIR OUT_DIR\n");
    return 1;
  }
  const std::vector<std::string> images = rolec::fuzz::SeedImages(argv[1]);
  for (size_t i = 0; i < images.size(); ++i) {
    const std::string path = std::string(argv[2]) + "/seed_image_" + std::to_string(i);
    std::ofstream out(path, std::ios::binary);
    out << images[i];
    if (!out) {
      std::fprintf(stderr, "write_image_seeds: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "write_image_seeds: %zu images\n", images.size());
  return images.empty() ? 1 : 0;
}
