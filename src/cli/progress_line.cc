#include "cli/progress_line.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace leadscore::cli {

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(double done, double total, long long rows) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  bool last = total > 0 && done >= total;
  if (drawn_ && !last && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  int percent = total > 0 ? static_cast<int>(100.0 * done / total) : 0;
  fmt::print(stderr, "\r{} {:3d}% {} rows", label_, percent, rows);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::Finish() {
  if (!drawn_) return;
  fmt::print(stderr, "\n");
  drawn_ = false;
}

}  // namespace leadscore::cli
