#include "service/packed_leads.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace leadscore {
namespace {

// The data fields of `lead`, as text, for comparing leads (NaN compares equal to NaN here).
std::string DataOf(const Lead& lead) {
  std::string out = lead.name + "|" + lead.phone + "|" + lead.extra_json + "|";
  out += lead.outcome ? (*lead.outcome ? "yes" : "no") : "?";
  for (double v : lead.numeric) out += "|" + (std::isnan(v) ? std::string("NaN") : std::to_string(v));
  for (const auto& t : lead.categorical) out += "|" + t;
  return out;
}

std::vector<Lead> Samples() {
  std::vector<Lead> leads;
  Lead empty;  // nothing set: every number missing, every category empty, extra "{}"
  leads.push_back(empty);
  Lead full;
  full.name = "Siti Nurhaliza Binti Abdullah, dengan nama yang panjang sekali";
  full.phone = "+62 812 3456 7890";
  full.extra_json = R"({"cabang":"Bandung","skor_lama":0.5,"catatan":"é ü 中"})";
  full.outcome = true;
  for (int i = 0; i < kNumericColumnCount; ++i) full.numeric[i] = -1.5 + i * 1000.25;
  full.numeric[1] = -0.0;
  full.numeric[2] = std::numeric_limits<double>::max();
  for (int i = 0; i < kCategoricalColumnCount; ++i) full.categorical[i] = "level-" + std::to_string(i);
  full.categorical[3] = std::string(300, 'x');  // a length of two LEB128 bytes
  leads.push_back(full);
  Lead some;
  some.name = "Budi";
  some.outcome = false;
  some.numeric[0] = 41;
  some.numeric[kNumericColumnCount - 1] = 5191;
  some.categorical[kCategoricalColumnCount - 1] = "nonexistent";
  leads.push_back(some);
  return leads;
}

TEST(PackedLeadsTest, GivesBackTheDataFieldsInOrderAndInBatches) {
  PackedLeads packed;
  std::vector<Lead> in;
  for (int round = 0; round < 700; ++round) {
    for (Lead lead : Samples()) {
      lead.name += " " + std::to_string(round);
      lead.id = 99 + round;  // kept (the import keeps a row's position there)
      lead.customer_key = "C-" + std::to_string(round);
      lead.status = LeadStatus::kConverted;
      in.push_back(lead);
      packed.Append(lead);
    }
  }
  ASSERT_EQ(packed.size(), in.size());
  EXPECT_GT(packed.bytes(), 0u);

  std::vector<size_t> sizes;
  std::vector<Lead> out;
  Status taken = packed.TakeInBatches(1000, [&](std::vector<Lead> batch) {
    sizes.push_back(batch.size());
    for (Lead& lead : batch) out.push_back(std::move(lead));
    return Status::Ok();
  });
  ASSERT_TRUE(taken.ok()) << taken.ToString();
  EXPECT_EQ(sizes, (std::vector<size_t>{1000, 1000, 100}));
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    ASSERT_EQ(DataOf(out[i]), DataOf(in[i])) << "lead " << i;
    EXPECT_EQ(out[i].id, in[i].id);
    EXPECT_EQ(out[i].customer_key, in[i].customer_key);
    EXPECT_EQ(out[i].status, LeadStatus::kPending);
  }
  EXPECT_TRUE(std::signbit(out[1].numeric[1]));  // -0.0 stays -0.0
  // Taken: nothing is left.
  EXPECT_EQ(packed.size(), 0u);
  int calls = 0;
  ASSERT_TRUE(packed.TakeInBatches(10, [&](std::vector<Lead>) { ++calls; return Status::Ok(); }).ok());
  EXPECT_EQ(calls, 0);
}

TEST(PackedLeadsTest, SpansManyBlocksAndStopsAtTheFirstError) {
  PackedLeads packed;
  Lead lead = Samples()[1];
  lead.extra_json = "{\"note\":\"" + std::string(100'000, 'n') + "\"}";
  for (int i = 0; i < 200; ++i) packed.Append(lead);  // about 20 MB: several blocks
  EXPECT_GT(packed.bytes(), size_t{20} << 20);
  int batches = 0;
  Status stopped = packed.TakeInBatches(7, [&](std::vector<Lead> batch) {
    EXPECT_EQ(DataOf(batch.front()), DataOf(lead));
    return ++batches == 3 ? Status::Unavailable("disk full") : Status::Ok();
  });
  EXPECT_EQ(stopped.code(), StatusCode::kUnavailable);
  EXPECT_EQ(batches, 3);
  EXPECT_EQ(packed.size(), 0u);

  packed.Append(lead);
  packed.Clear();
  EXPECT_EQ(packed.size(), 0u);
}

}  // namespace
}  // namespace leadscore
