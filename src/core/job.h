// A background job (a score refresh, a training, an import, a segmentation) as every server
// sees it: its state and progress, kept by the store so any server can report it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace leadscore {

enum class JobState { kQueued, kRunning, kDone, kFailed };
std::string_view JobStateName(JobState state);  // "queued", "running", "done", "failed"
// The state a name stands for, nullopt for any other text.
std::optional<JobState> ParseJobState(std::string_view name);

struct Job {
  int64_t id = 0;
  std::string kind;  // "refresh", "train", "import", "segment"
  JobState state = JobState::kQueued;
  int64_t done = 0;
  int64_t total = 0;
  std::string error;
  std::string started_by;
  TimeMs started_at = 0;
  std::optional<TimeMs> finished_at;
};

}  // namespace leadscore
