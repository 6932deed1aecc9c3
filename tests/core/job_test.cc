#include "core/job.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

TEST(JobTest, StateNamesRoundTrip) {
  for (JobState state : {JobState::kQueued, JobState::kRunning, JobState::kDone,
                         JobState::kFailed}) {
    EXPECT_EQ(ParseJobState(JobStateName(state)), state) << JobStateName(state);
  }
  EXPECT_EQ(JobStateName(JobState::kQueued), "queued");
  EXPECT_EQ(JobStateName(JobState::kRunning), "running");
  EXPECT_EQ(JobStateName(JobState::kDone), "done");
  EXPECT_EQ(JobStateName(JobState::kFailed), "failed");
}

TEST(JobTest, OtherTextIsNoState) {
  for (const char* name : {"", "Done", "RUNNING", "finished", "done ", "fail"}) {
    EXPECT_EQ(ParseJobState(name), std::nullopt) << "'" << name << "'";
  }
}

}  // namespace
}  // namespace leadscore
