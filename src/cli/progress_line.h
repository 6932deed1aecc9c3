// ProgressLine: a one-line progress display on stderr for long CLI work (import, demo, and any
// command that reports done / total). It draws only when stderr is a terminal, at most ten
// times a second, so logs and CI output stay clean. Not thread-safe: one thread updates it.
#pragma once

#include <chrono>
#include <string>

namespace leadscore::cli {

class ProgressLine {
 public:
  // `label` starts the line: "import".
  explicit ProgressLine(std::string label);
  ~ProgressLine();  // ends the line if one was drawn
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Shows "label  42% 1,234,567 rows" (the percentage from done / total of any unit).
  void Update(double done, double total, long long rows);
  // Clears the line so that the next message starts on a fresh one.
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace leadscore::cli
