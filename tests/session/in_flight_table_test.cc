#include "session/in_flight_table.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

using Result = InFlightTable::InsertResult;

TEST(InFlightTable, TakeReturnsWhatWasInsertedOnce) {
  InFlightTable table(4);
  EXPECT_EQ(table.Insert("n1", "tools/call", true, "read_file", nullptr), Result::kInserted);
  InFlightTable::Entry e;
  ASSERT_TRUE(table.Take("n1", &e));
  EXPECT_EQ(e.method, "tools/call");
  EXPECT_TRUE(e.has_name);
  EXPECT_EQ(e.name, "read_file");
  EXPECT_FALSE(table.Take("n1", &e));
  EXPECT_EQ(table.size(), 0u);
}

TEST(InFlightTable, TakeInPlaceKeepsTheEntryReadableUntilTheNextChange) {
  InFlightTable table(2);
  ASSERT_EQ(table.Insert("n1", "tools/call", true, "read_file", nullptr), Result::kInserted);
  ASSERT_EQ(table.Insert("n2", "ping", false, "", nullptr), Result::kInserted);
  InFlightTable::EntryView taken;
  ASSERT_TRUE(table.TakeInPlace("n1", &taken));
  EXPECT_EQ(taken.id_key, "n1");
  EXPECT_EQ(taken.method, "tools/call");
  EXPECT_EQ(taken.name, "read_file");
  EXPECT_TRUE(taken.has_name);
  EXPECT_EQ(table.size(), 1u);
  EXPECT_FALSE(table.TakeInPlace("n1", &taken));  // Gone from the index...
  // ...and its slot is free again: two more fit beside n2 only after it.
  ASSERT_EQ(table.Insert("n3", "a", false, "", nullptr), Result::kInserted);
  InFlightTable::Entry evicted;
  EXPECT_EQ(table.Insert("n4", "b", false, "", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n2");
  InFlightTable::EntryView three;
  ASSERT_TRUE(table.TakeInPlace("n3", &three));
  EXPECT_EQ(three.method, "a");
  InFlightTable::EntryView four;
  ASSERT_TRUE(table.TakeInPlace("n4", &four));
  EXPECT_EQ(four.method, "b");
  // A long entry grows its slot's buffer; it reads back whole.
  const std::string long_name(500, 'x');
  ASSERT_EQ(table.Insert("n5", "tools/call", true, long_name, nullptr), Result::kInserted);
  InFlightTable::EntryView five;
  ASSERT_TRUE(table.TakeInPlace("n5", &five));
  EXPECT_EQ(five.name, long_name);
  EXPECT_EQ(table.size(), 0u);
}

// Session::Settle forgets a refused request by its serial, so that a later
// request that reused the id is not forgotten in its place.
TEST(InFlightTable, TakeSerialForgetsOnlyTheRequestWithThatSerial) {
  InFlightTable table(4);
  ASSERT_EQ(table.Insert("1", "tools/call", true, "a", nullptr), Result::kInserted);
  const uint64_t first = table.last_serial();
  ASSERT_EQ(table.Insert("2", "tools/call", true, "b", nullptr), Result::kInserted);
  EXPECT_NE(table.last_serial(), first);
  InFlightTable::Entry out;
  ASSERT_TRUE(table.Take("1", &out));
  ASSERT_EQ(table.Insert("1", "ping", false, "", nullptr), Result::kInserted);
  EXPECT_FALSE(table.TakeSerial("1", first));  // A later request holds id 1.
  EXPECT_EQ(table.size(), 2u);
  EXPECT_TRUE(table.TakeSerial("1", table.last_serial()));
  EXPECT_FALSE(table.TakeSerial("1", table.last_serial()));  // Gone.
  EXPECT_FALSE(table.TakeSerial("9", 1));
  EXPECT_EQ(table.size(), 1u);
  ASSERT_TRUE(table.Take("2", &out));
  EXPECT_EQ(out.name, "b");
}

TEST(InFlightTable, DuplicateIdIsRefused) {
  InFlightTable table(4);
  EXPECT_EQ(table.Insert("s7", "a", false, "", nullptr), Result::kInserted);
  EXPECT_EQ(table.Insert("s7", "b", false, "", nullptr), Result::kDuplicate);
  InFlightTable::Entry e;
  ASSERT_TRUE(table.Take("s7", &e));
  EXPECT_EQ(e.method, "a");
}

TEST(InFlightTable, DuplicateIdInAFullTableEvictsNothing) {
  InFlightTable table(2);
  ASSERT_EQ(table.Insert("n0", "a", false, "", nullptr), Result::kInserted);
  ASSERT_EQ(table.Insert("n1", "b", false, "", nullptr), Result::kInserted);
  InFlightTable::Entry evicted;
  EXPECT_EQ(table.Insert("n1", "c", false, "", &evicted), Result::kDuplicate);
  EXPECT_TRUE(evicted.id_key.empty());
  EXPECT_EQ(table.size(), 2u);
  InFlightTable::Entry e;
  ASSERT_TRUE(table.Take("n0", &e));
  ASSERT_TRUE(table.Take("n1", &e));
  EXPECT_EQ(e.method, "b");
}

TEST(InFlightTable, FullTableEvictsOldest) {
  InFlightTable table(3);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(table.Insert(absl::StrCat("n", i), "m", false, "", nullptr), Result::kInserted);
  }
  InFlightTable::Entry evicted;
  EXPECT_EQ(table.Insert("n3", "m3", false, "", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n0");
  EXPECT_EQ(table.size(), 3u);
  InFlightTable::Entry e;
  EXPECT_FALSE(table.Take("n0", &e));
  // Taking one out of the middle keeps the order of the rest.
  ASSERT_TRUE(table.Take("n2", &e));
  EXPECT_EQ(table.Insert("n4", "m", false, "", nullptr), Result::kInserted);
  EXPECT_EQ(table.Insert("n5", "m", false, "", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n1");
}

// A reload that lowers the cap keeps what is in flight (whose answers must
// still match); new requests then evict the oldest, one each, until answers
// bring the table under the new cap.
TEST(InFlightTable, ShrinkingCapacityKeepsWhatIsInFlight) {
  InFlightTable table(5);
  for (int i = 0; i < 5; ++i) table.Insert(absl::StrCat("n", i), "m", false, "", nullptr);
  table.set_capacity(2);
  EXPECT_EQ(table.size(), 5u);
  InFlightTable::Entry e;
  ASSERT_TRUE(table.Take("n2", &e));
  InFlightTable::Entry evicted;
  EXPECT_EQ(table.Insert("n5", "m", false, "", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n0");
  EXPECT_EQ(table.size(), 4u);
  for (const char* id : {"n1", "n3", "n4"}) EXPECT_TRUE(table.Take(id, &e)) << id;
  EXPECT_EQ(table.size(), 1u);
  EXPECT_EQ(table.Insert("n6", "m", false, "", &evicted), Result::kInserted);
  EXPECT_EQ(table.Insert("n7", "m", false, "", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n5");
  EXPECT_EQ(table.size(), 2u);
}

TEST(InFlightTable, ManyCyclesStayBounded) {
  InFlightTable table(8);
  InFlightTable::Entry e;
  for (int i = 0; i < 10000; ++i) {
    table.Insert(absl::StrCat("n", i), "tools/call", true, "a_rather_long_tool_name_here", nullptr);
    if (i % 3 == 0) table.Take(absl::StrCat("n", i), &e);
    ASSERT_LE(table.size(), 8u);
  }
}

}  // namespace
// Retired ids (cancelled, evicted) are refused until an answer unretires
// them, or until kMaxRetired later ones push them out; PutBack unretires.
TEST(InFlightTable, RetiredIdsAreRefusedUntilUnretiredOrPushedOut) {
  InFlightTable table(2);
  InFlightTable::Entry evicted;
  ASSERT_EQ(table.Insert("n1", "tools/call", true, "a", nullptr), Result::kInserted);
  ASSERT_EQ(table.Insert("n2", "tools/call", true, "b", nullptr), Result::kInserted);
  ASSERT_EQ(table.Insert("n3", "tools/call", true, "c", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n1");
  EXPECT_EQ(table.Insert("n1", "tools/call", true, "d", nullptr), Result::kRetired);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_TRUE(table.Unretire("n1"));
  EXPECT_FALSE(table.Unretire("n1"));
  EXPECT_FALSE(table.Unretire("n9"));
  // PutBack brings an evicted request back whatever it pushes out.
  ASSERT_EQ(table.Insert("n4", "tools/call", true, "e", &evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(evicted.id_key, "n2");
  EXPECT_EQ(table.PutBack(evicted), Result::kInsertedWithEviction);
  EXPECT_EQ(table.Insert("n2", "tools/call", true, "f", nullptr), Result::kDuplicate);
  // Bounded: the oldest retired id is the first forgotten.
  InFlightTable other(1);
  other.Retire("s0");
  for (size_t i = 1; i < InFlightTable::kMaxRetired; ++i) other.Retire(absl::StrCat("s", i));
  EXPECT_EQ(other.Insert("s0", "m", false, "", nullptr), Result::kRetired);
  other.Retire("s-last");
  EXPECT_EQ(other.Insert("s0", "m", false, "", nullptr), Result::kInserted);
  EXPECT_EQ(other.Insert("s1", "m", false, "", nullptr), Result::kRetired);
}

// Retirements that end (an answer came) never push out one that has not,
// however many (found by a review: cancel-and-answer cycles flushed a
// cancelled request's id).
TEST(InFlightTable, EndedRetirementsPushOutNoLiveOne) {
  InFlightTable table(1);
  table.Retire("s-secret");
  for (size_t i = 0; i < 3 * InFlightTable::kMaxRetired; ++i) {
    const std::string id = absl::StrCat("n", i);
    table.Retire(id);
    ASSERT_TRUE(table.Unretire(id));
  }
  EXPECT_EQ(table.Insert("s-secret", "m", false, "", nullptr), Result::kRetired);
  EXPECT_FALSE(table.retired_full());
}

}  // namespace mcpguard::internal
