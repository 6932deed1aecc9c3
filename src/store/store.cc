#include "store/store.h"

#include <utility>

namespace leadscore {

LeadStats& LeadStats::operator+=(const LeadStats& other) {
  total += other.total;
  scored += other.scored;
  statuses.pending += other.statuses.pending;
  statuses.contacted += other.statuses.contacted;
  statuses.converted += other.statuses.converted;
  statuses.rejected += other.statuses.rejected;
  for (size_t i = 0; i < grades.size(); ++i) grades[i] += other.grades[i];
  for (size_t i = 0; i < histogram.size(); ++i) histogram[i] += other.histogram[i];
  return *this;
}

Status Store::ForEachLeadBatch(size_t batch_size,
                               const std::function<Status(const std::vector<Lead>&)>& fn) {
  LeadScan scan;
  scan.batch_size = batch_size;
  return ScanLeads(scan, fn);
}

Result<std::vector<Lead>> Store::LeadsWithOutcome() {
  LeadScan scan;
  scan.known_outcome_only = true;
  std::vector<Lead> all;
  LS_RETURN_IF_ERROR(ScanLeads(scan, [&all](const std::vector<Lead>& batch) {
    all.insert(all.end(), batch.begin(), batch.end());
    return Status::Ok();
  }));
  return all;
}

}  // namespace leadscore
