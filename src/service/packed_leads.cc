#include "service/packed_leads.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace leadscore {
namespace {

// One lead: a byte for the outcome (0 unknown, 1 no, 2 yes), the masks of the numbers and the
// categories it has (bit i: slot i), its id (8 bytes), name, phone, extra_json and customer key,
// then its numbers (8 bytes each) and its categories, in slot order. A text is its length (LEB128) and its bytes.
constexpr size_t kBlockBytes = size_t{4} << 20;
static_assert(kNumericColumnCount <= 16 && kCategoricalColumnCount <= 16,
              "the masks of a packed lead have 16 bits");

void PutMask(uint16_t mask, std::string* out) {
  out->push_back(static_cast<char>(mask & 0xff));
  out->push_back(static_cast<char>(mask >> 8));
}

void PutText(std::string_view text, std::string* out) {
  size_t n = text.size();
  do {
    uint8_t byte = n & 0x7f;
    n >>= 7;
    if (n != 0) byte |= 0x80;
    out->push_back(static_cast<char>(byte));
  } while (n != 0);
  out->append(text);
}

// Reads what PutMask / PutText / a raw double wrote, from a block this class filled.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}
  bool done() const { return pos_ >= data_.size(); }
  uint8_t Byte() { return static_cast<uint8_t>(data_[pos_++]); }
  uint16_t Mask() {
    uint16_t low = Byte();
    return static_cast<uint16_t>(low | (uint16_t{Byte()} << 8));
  }
  std::string Text() {
    size_t n = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t byte = Byte();
      n |= static_cast<size_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    std::string out(data_.substr(pos_, n));
    pos_ += n;
    return out;
  }
  int64_t Int() {
    int64_t v;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  double Number() {
    double v;
    std::memcpy(&v, data_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

void PackedLeads::Append(const Lead& lead) {
  std::string& out = scratch_;
  out.clear();
  out.push_back(static_cast<char>(lead.outcome ? (*lead.outcome ? 2 : 1) : 0));
  uint16_t numbers = 0, categories = 0;
  for (int i = 0; i < kNumericColumnCount; ++i) {
    if (!std::isnan(lead.numeric[i])) numbers |= uint16_t{1} << i;
  }
  for (int i = 0; i < kCategoricalColumnCount; ++i) {
    if (!lead.categorical[i].empty()) categories |= uint16_t{1} << i;
  }
  PutMask(numbers, &out);
  PutMask(categories, &out);
  char id[sizeof(int64_t)];
  std::memcpy(id, &lead.id, sizeof id);
  out.append(id, sizeof id);
  PutText(lead.name, &out);
  PutText(lead.phone, &out);
  PutText(lead.extra_json, &out);
  PutText(lead.customer_key, &out);
  for (int i = 0; i < kNumericColumnCount; ++i) {
    if (numbers & (uint16_t{1} << i)) {
      char raw[sizeof(double)];
      std::memcpy(raw, &lead.numeric[i], sizeof raw);
      out.append(raw, sizeof raw);
    }
  }
  for (int i = 0; i < kCategoricalColumnCount; ++i) {
    if (categories & (uint16_t{1} << i)) PutText(lead.categorical[i], &out);
  }
  if (blocks_.empty() || blocks_.back().size() + out.size() > blocks_.back().capacity()) {
    blocks_.emplace_back();
    blocks_.back().reserve(std::max(kBlockBytes, out.size()));
  }
  blocks_.back().append(out);
  ++count_;
}

size_t PackedLeads::bytes() const {
  size_t n = scratch_.capacity();
  for (const auto& block : blocks_) n += block.capacity();
  return n;
}

void PackedLeads::Clear() {
  blocks_.clear();
  blocks_.shrink_to_fit();
  scratch_ = {};
  count_ = 0;
}

Status PackedLeads::TakeInBatches(size_t batch_size,
                                  const std::function<Status(std::vector<Lead>)>& fn) {
  if (batch_size == 0) batch_size = 1;
  std::vector<std::string> blocks = std::move(blocks_);
  Clear();
  std::vector<Lead> batch;
  batch.reserve(batch_size);
  for (std::string& block : blocks) {
    Cursor in(block);
    while (!in.done()) {
      Lead& lead = batch.emplace_back();
      uint8_t outcome = in.Byte();
      if (outcome != 0) lead.outcome = outcome == 2;
      const uint16_t numbers = in.Mask();
      const uint16_t categories = in.Mask();
      lead.id = in.Int();
      lead.name = in.Text();
      lead.phone = in.Text();
      lead.extra_json = in.Text();
      lead.customer_key = in.Text();
      for (int i = 0; i < kNumericColumnCount; ++i) {
        if (numbers & (uint16_t{1} << i)) lead.numeric[i] = in.Number();
      }
      for (int i = 0; i < kCategoricalColumnCount; ++i) {
        if (categories & (uint16_t{1} << i)) lead.categorical[i] = in.Text();
      }
      if (batch.size() == batch_size) {
        LS_RETURN_IF_ERROR(fn(std::move(batch)));
        batch = {};
        batch.reserve(batch_size);
      }
    }
    block = {};  // read: its memory goes back before the next one is
  }
  if (!batch.empty()) LS_RETURN_IF_ERROR(fn(std::move(batch)));
  return Status::Ok();
}

}  // namespace leadscore
