// The peer driver's string -> id table: every key found, absent keys and near misses not.
#include "bench/peers/id_table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace rolec::bench {
namespace {

TEST(IdTableTest, FindsEveryKeyOfEveryLength) {
  std::vector<std::string> keys = {""};
  // Short keys (packed into the slot) and long ones (hashed), of every length up to 40, and many of
  // one length so that probe runs form.
  for (size_t n = 1; n <= 40; ++n) keys.push_back(std::string(n, 'k'));
  for (int i = 0; i < 5000; ++i) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "u%05d", i);
    keys.push_back(buffer);
  }
  IdTable table(keys);
  for (uint32_t id = 0; id < keys.size(); ++id) EXPECT_EQ(table.Find(keys[id]), id) << keys[id];
  for (const char* absent : {"u05000", "u0000", "u000000", "U00001", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "x"}) {
    EXPECT_EQ(table.Find(absent), IdTable::kNone) << absent;
  }
}

TEST(IdTableTest, KeysDifferingOnlyInTheMiddleAreDistinct) {
  // Keys of 4..8 bytes are packed from two overlapping words; every byte must count.
  std::vector<std::string> keys = {"abcdefgh", "abcXefgh", "abcdXfgh", "abcde", "abXde", "ab", "aXb", "abc"};
  IdTable table(keys);
  for (uint32_t id = 0; id < keys.size(); ++id) EXPECT_EQ(table.Find(keys[id]), id) << keys[id];
  EXPECT_EQ(table.Find("abcdefgX"), IdTable::kNone);
  EXPECT_EQ(table.Find("aXc"), IdTable::kNone);
}

TEST(IdTableTest, DuplicateKeysKeepTheFirstId) {
  IdTable table({"a", "b", "a"});
  EXPECT_EQ(table.Find("a"), 0u);
  EXPECT_EQ(table.Find("b"), 1u);
}

}  // namespace
}  // namespace rolec::bench
