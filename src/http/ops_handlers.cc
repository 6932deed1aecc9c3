// Handlers of operations: the live event stream, health and Prometheus metrics.
#include <map>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/handlers.h"

namespace leadscore::http {

Result<Reply> Events(ApiServices& s, RequestContext& ctx) {
  // The stream opens at the version read now, so that a change made after this read is sent.
  LS_ASSIGN_OR_RETURN(int64_t version, s.store.DataVersion());
  return Reply::Events(version);
}

Result<Reply> Health(ApiServices& s, RequestContext& ctx) {
  auto users = s.store.CountUsers();
  if (!users.ok()) {
    spdlog::error("health check: database: {}", users.status().ToString());
    return Status::Unavailable("database").With("database_unavailable");
  }
  return Reply::Json({{"status", "ok"}, {"database", "ok"}});
}

Result<Reply> MetricsText(ApiServices& s, const Metrics& metrics, RequestContext& ctx) {
  std::string text = metrics.Render();
  auto jobs = s.store.ListJobs(100);
  if (jobs.ok()) {
    std::map<std::pair<std::string, std::string>, int> by_kind_state;
    for (const Job& job : *jobs) ++by_kind_state[{job.kind, std::string(JobStateName(job.state))}];
    text += "# HELP leadscore_jobs Background jobs among the 100 most recent, by kind and state.\n";
    text += "# TYPE leadscore_jobs gauge\n";
    for (const auto& [key, n] : by_kind_state) {
      text += fmt::format("leadscore_jobs{{kind=\"{}\",state=\"{}\"}} {}\n", key.first,
                          key.second, n);
    }
    text += "# HELP leadscore_job_progress_ratio Done / total of each running job.\n";
    text += "# TYPE leadscore_job_progress_ratio gauge\n";
    for (const Job& job : *jobs) {
      if (job.state != JobState::kRunning || job.total <= 0) continue;
      text += fmt::format("leadscore_job_progress_ratio{{kind=\"{}\",id=\"{}\"}} {:.4f}\n",
                          job.kind, job.id, static_cast<double>(job.done) / job.total);
    }
    text += "# HELP leadscore_job_last_duration_seconds Duration of the newest finished job.\n";
    text += "# TYPE leadscore_job_last_duration_seconds gauge\n";
    std::map<std::string, bool> seen;
    for (const Job& job : *jobs) {
      if (!job.finished_at || seen[job.kind]) continue;
      seen[job.kind] = true;
      text += fmt::format("leadscore_job_last_duration_seconds{{kind=\"{}\"}} {:.3f}\n", job.kind,
                          (*job.finished_at - job.started_at) / 1000.0);
    }
  }
  return Reply::Raw(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace leadscore::http
