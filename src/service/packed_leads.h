// PackedLeads: the data fields of many leads (name, phone, the bank columns, extra_json,
// outcome, customer key) and their ids packed one after another in a few large blocks, a fraction of the memory of as many
// Lead objects (a missing number or an empty category takes one bit). The lead import keeps the
// checked rows of a whole file in it, so that it opens the write transaction only once every row
// has been checked (service/lead_import.h).
//
// Not thread-safe: one thread appends, then one thread takes the leads out.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/lead.h"
#include "core/status.h"

namespace leadscore {

class PackedLeads {
 public:
  PackedLeads() = default;
  PackedLeads(PackedLeads&&) = default;
  PackedLeads& operator=(PackedLeads&&) = default;
  PackedLeads(const PackedLeads&) = delete;
  PackedLeads& operator=(const PackedLeads&) = delete;

  // Keeps the lead's id and data fields; its workflow fields and times are not kept.
  void Append(const Lead& lead);
  size_t size() const { return count_; }
  size_t bytes() const;  // memory held by the packed leads
  void Clear();

  // Hands the leads to `fn` in the order they were appended, `batch_size` at a time (the last
  // batch may be smaller; 0 counts as 1), each a new Lead with the kept fields and defaults for
  // the rest. Empties this object as it goes, freeing each block once it has been read, and
  // stops at the first error of `fn`, which it returns (the leads not handed out are dropped).
  Status TakeInBatches(size_t batch_size, const std::function<Status(std::vector<Lead>)>& fn);

 private:
  std::vector<std::string> blocks_;  // whole leads only: none spans two blocks
  std::string scratch_;              // one lead being packed
  size_t count_ = 0;
};

}  // namespace leadscore
