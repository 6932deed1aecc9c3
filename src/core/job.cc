#include "core/job.h"

#include <array>

namespace leadscore {
namespace {

constexpr std::array<JobState, 4> kStates = {JobState::kQueued, JobState::kRunning,
                                             JobState::kDone, JobState::kFailed};

}  // namespace

std::string_view JobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kDone: return "done";
    case JobState::kFailed: return "failed";
  }
  return "queued";
}

std::optional<JobState> ParseJobState(std::string_view name) {
  for (JobState state : kStates) {
    if (JobStateName(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace leadscore
