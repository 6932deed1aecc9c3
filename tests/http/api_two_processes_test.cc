// Two real `leadscore serve` processes on one database (docs/OPERATIONS.md, "Several servers on
// one PostgreSQL"), prepared with the CLI as an operator would (import, train, user add): a
// session opened on one server is valid on the
// other, a lead's owner holds across them, and a refresh asked of both at once runs once. A
// refresh started by `leadscore score` while another process refreshes joins that job, and only
// a job whose process is gone is failed as interrupted. The servers and `leadscore score
// --worker` share one refresh's chunks; a refresh whose process is killed leaves the old scores
// whole; a worker with no refresh to help does nothing. Runs on PostgreSQL and on SQLite.
//
// The binary under test is LEADSCORE_BINARY (tests/CMakeLists.txt). Every child process is
// stopped when its owner goes out of scope, and killed by the kernel if this process dies.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "http/api_test_env.h"
#include "service/scoring_service.h"

namespace leadscore::http {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr char kPassword[] = "correct horse battery";
// The first rows of the bundled sample (347 yes): quick to train on, and a refresh of them takes
// long enough (~0.3 s) that two requests sent together overlap.
constexpr size_t kLeadRows = 10000;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A child process running the leadscore binary, stdout and stderr into `log`, stdin from
// `input`. Stopped (SIGTERM, then SIGKILL) and reaped when destroyed.
class Child {
 public:
  Child(const std::vector<std::string>& args, fs::path log, const std::string& input = "")
      : log_(std::move(log)) {
    std::vector<std::string> argv_text = {LEADSCORE_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    int in[2];
    if (pipe(in) != 0) return;
    const int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      // Only async-signal-safe calls until exec.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);
      dup2(in[0], STDIN_FILENO);
      dup2(out, STDOUT_FILENO);
      dup2(out, STDERR_FILENO);
      close(in[0]);
      close(in[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(in[0]);
    if (out >= 0) close(out);
    if (!input.empty()) (void)!write(in[1], input.data(), input.size());
    close(in[1]);
  }
  ~Child() { Stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The exit code once the process has ended within `timeout`; -1 if it had to be killed.
  int Wait(std::chrono::seconds timeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (!ended_ && steady_clock::now() < deadline) {
      Reap(WNOHANG);
      if (!ended_) std::this_thread::sleep_for(20ms);
    }
    if (!ended_) Stop();
    return code_;
  }

  bool running() {
    if (!ended_) Reap(WNOHANG);
    return pid_ > 0 && !ended_;
  }

  void Stop() {
    if (pid_ <= 0 || ended_) return;
    kill(pid_, SIGTERM);
    const auto deadline = steady_clock::now() + 10s;
    while (!ended_ && steady_clock::now() < deadline) {
      Reap(WNOHANG);
      if (!ended_) std::this_thread::sleep_for(20ms);
    }
    if (!ended_) {
      kill(pid_, SIGKILL);
      Reap(0);
    }
  }

  std::string Log() const { return ReadFile(log_); }
  pid_t pid() const { return pid_; }

 private:
  void Reap(int options) {
    int status = 0;
    if (waitpid(pid_, &status, options) == pid_) {
      ended_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
  }

  fs::path log_;
  pid_t pid_ = -1;
  bool ended_ = false;
  int code_ = -1;
};

class TwoProcessesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing_db::TestDatabase>(GetParam());
    LEADSCORE_REQUIRE_DB(*db_);
    dir_ = fs::path(::testing::TempDir()) / testing_db::UniqueName("leadscore_processes_");
    fs::create_directories(dir_);

    // A small CSV: the header and the first rows of the bundled sample.
    std::ifstream in(fs::path(LEADSCORE_SOURCE_DIR) / "data" / "bank-additional-train.csv");
    ASSERT_TRUE(in);
    std::ofstream csv(dir_ / "leads.csv");
    std::string line;
    for (size_t i = 0; i <= kLeadRows && std::getline(in, line); ++i) csv << line << "\n";
    csv.close();

    Cli({"import", (dir_ / "leads.csv").string()});
    Cli({"train"});
    Cli({"user", "add", "--role", "admin", "admin"}, std::string(kPassword) + "\n");
    Cli({"user", "add", "--role", "sales", "--display-name", "Ani Wijaya", "ani"},
        std::string(kPassword) + "\n");
    Cli({"user", "add", "--role", "sales", "--display-name", "Budi Santoso", "budi"},
        std::string(kPassword) + "\n");
    if (HasFatalFailure()) return;

    auto opened = OpenStore(db_->url());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  void TearDown() override {
    servers_.clear();  // stops them
    store_.reset();
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    }
  }

  std::vector<std::string> WithDb(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_->url()});  // --db comes before the subcommand
    return args;
  }

  // Runs a CLI command to its end; a failure fails the test with the command's output.
  void Cli(const std::vector<std::string>& args, const std::string& input = "") {
    Child child(WithDb(args), dir_ / ("cli-" + std::to_string(++commands_) + ".log"), input);
    const int code = child.Wait(300s);
    ASSERT_EQ(code, 0) << "leadscore " << args[0] << ":\n" << child.Log();
  }

  // Starts `leadscore serve` on a free loopback port (with `extra` flags); returns the port.
  int StartServer(const std::vector<std::string>& extra = {}) {
    const std::string name = "serve-" + std::to_string(servers_.size() + 1);
    std::vector<std::string> args = {"serve", "--port", "0", "--threads", "4", "--no-access-log",
                                     "--web-dir", (dir_ / "no-web-app").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    servers_.push_back(std::make_unique<Child>(WithDb(args), dir_ / (name + ".log")));
    Child& server = *servers_.back();
    const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+))");
    const auto deadline = steady_clock::now() + 60s;
    while (steady_clock::now() < deadline) {
      std::smatch m;
      const std::string log = server.Log();
      if (std::regex_search(log, m, serving)) return std::stoi(m[1]);
      if (!server.running()) break;
      std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << name << " did not start:\n" << server.Log();
    return 0;
  }

  ApiClient SignIn(int port, const std::string& username) {
    ApiClient anonymous(port);
    auto answer =
        anonymous.Post("/api/auth/login", {{"username", username}, {"password", kPassword}});
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::string cookie;
    for (const auto& [name, value] : answer.headers) {
      if (name == "Set-Cookie") cookie = value.substr(0, value.find(';'));
    }
    return ApiClient(port, cookie);
  }

  // Polls GET /api/jobs/{id} until the job has ended; returns its last state.
  static std::string WaitForJob(ApiClient& client, int64_t id) {
    const auto deadline = steady_clock::now() + 120s;
    std::string state;
    while (steady_clock::now() < deadline) {
      auto answer = client.Get("/api/jobs/" + std::to_string(id));
      EXPECT_EQ(answer.status, 200) << answer.body;
      state = answer.json["job"]["state"].is_string() ? answer.json["job"]["state"] : "";
      if (state == "succeeded" || state == "failed") return state;
      std::this_thread::sleep_for(50ms);
    }
    return state;
  }

  std::vector<Job> RefreshJobs() {
    std::vector<Job> refresh;
    auto jobs = store_->ListJobs(1000);
    EXPECT_TRUE(jobs.ok()) << jobs.status().ToString();
    if (!jobs.ok()) return refresh;
    for (const Job& job : *jobs) {
      if (job.kind == kRefreshJobKind) refresh.push_back(job);
    }
    return refresh;
  }

  std::unique_ptr<testing_db::TestDatabase> db_;
  fs::path dir_;
  int commands_ = 0;
  std::unique_ptr<Store> store_;
  std::vector<std::unique_ptr<Child>> servers_;
};

INSTANTIATE_TEST_SUITE_P(Engines, TwoProcessesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(TwoProcessesTest, TwoServersShareSessionsOwnershipAndOneRefresh) {
  const int port1 = StartServer();
  const int port2 = StartServer();
  ASSERT_TRUE(port1 > 0 && port2 > 0);
  ASSERT_NE(port1, port2);

  // A session opened on server 1 is valid on server 2.
  auto admin1 = SignIn(port1, "admin");
  ApiClient admin2(port2, admin1.cookie());
  auto me = admin2.Get("/api/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["user"]["username"], "admin");

  // Ani takes a lead on server 1; Budi, on server 2, is refused.
  auto leads = admin1.Get("/api/leads?size=1");
  ASSERT_EQ(leads.status, 200) << leads.body;
  EXPECT_EQ(leads.json["total"], static_cast<int64_t>(kLeadRows));
  const std::string lead =
      "/api/leads/" + std::to_string(leads.json["items"][0]["id"].get<int64_t>());
  auto ani1 = SignIn(port1, "ani");
  auto budi2 = SignIn(port2, "budi");
  auto taken = ani1.Post(lead + "/status", {{"status", "contacted"}});
  ASSERT_EQ(taken.status, 200) << taken.body;
  auto refused = budi2.Post(lead + "/status", {{"status", "converted"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("Ani Wijaya"), std::string::npos) << refused.body;
  EXPECT_EQ(budi2.Get(lead).json["lead"]["status"], "contacted");

  // A refresh asked of both servers at the same moment runs once.
  ASSERT_TRUE(RefreshJobs().empty());
  ApiClient::Answer answers[2];
  std::latch start(2);
  auto ask = [&](int i, ApiClient& client) {
    start.arrive_and_wait();
    answers[i] = client.PostRaw("/api/scoring/refresh", "", "application/json");
  };
  std::thread on1(ask, 0, std::ref(admin1));
  std::thread on2(ask, 1, std::ref(budi2));
  on1.join();
  on2.join();
  ASSERT_EQ(answers[0].status, 202) << answers[0].body;
  ASSERT_EQ(answers[1].status, 202) << answers[1].body;
  const int64_t job = answers[0].json["job"]["id"];
  EXPECT_EQ(answers[1].json["job"]["id"], job);
  EXPECT_EQ(WaitForJob(admin1, job), "succeeded");
  EXPECT_EQ(WaitForJob(budi2, job), "succeeded");
  auto jobs = RefreshJobs();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].id, job);
  EXPECT_EQ(jobs[0].state, JobState::kDone);
  EXPECT_EQ(*store_->CountScores(), static_cast<int64_t>(kLeadRows));

  // Both servers are still up.
  EXPECT_EQ(ApiClient(port1).Get("/healthz").status, 200);
  EXPECT_EQ(ApiClient(port2).Get("/healthz").status, 200);
}

TEST_P(TwoProcessesTest, TheCliJoinsARefreshRunningInAnotherProcess) {
  // Another process (this one) is refreshing: it holds the lock and its job is running.
  auto lock = store_->TryLock(kRefreshLockName);
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto running = store_->CreateJob(kRefreshJobKind, "server", kLeadRows, SystemClock().NowMs());
  ASSERT_TRUE(running.ok());

  Child score(WithDb({"score"}), dir_ / "score.log");
  std::this_thread::sleep_for(1500ms);  // the CLI starts, finds the lock taken, follows the job
  EXPECT_TRUE(score.running()) << score.Log();
  EXPECT_EQ(store_->GetJob(*running)->state, JobState::kRunning) << score.Log();
  ASSERT_TRUE(store_->UpdateJobProgress(*running, kLeadRows / 2, kLeadRows).ok());
  std::this_thread::sleep_for(500ms);
  ASSERT_TRUE(store_->FinishJob(*running, SystemClock().NowMs()).ok());
  lock->reset();

  EXPECT_EQ(score.Wait(60s), 0) << score.Log();
  EXPECT_NE(score.Log().find("refresh job " + std::to_string(*running) + ":"), std::string::npos)
      << score.Log();
  auto jobs = RefreshJobs();
  ASSERT_EQ(jobs.size(), 1u);  // joined, not a second refresh
  EXPECT_EQ(jobs[0].state, JobState::kDone);
  EXPECT_EQ(*store_->CountScores(), 0);  // nothing ran: the job was only followed
}

TEST_P(TwoProcessesTest, OnlyAJobWhoseProcessIsGoneIsFailed) {
  // A job marked running by a process that died: nobody holds the lock.
  auto orphan = store_->CreateJob(kRefreshJobKind, "dead-server", kLeadRows, SystemClock().NowMs());
  ASSERT_TRUE(orphan.ok());
  Child score(WithDb({"score"}), dir_ / "score.log");
  EXPECT_EQ(score.Wait(120s), 0) << score.Log();
  auto failed = store_->GetJob(*orphan);
  EXPECT_EQ(failed->state, JobState::kFailed);
  EXPECT_NE(failed->error.find("interrupted"), std::string::npos);
  auto jobs = RefreshJobs();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].state, JobState::kDone);  // newest first: the CLI's own refresh
  EXPECT_EQ(*store_->CountScores(), static_cast<int64_t>(kLeadRows));
}

// Every lead's score, by lead id.
std::map<int64_t, Score> AllScores(Store& store) {
  std::map<int64_t, Score> out;
  EXPECT_TRUE(store
                  .ForEachLeadBatch(1000,
                                    [&](const std::vector<Lead>& batch) {
                                      for (const Lead& lead : batch) {
                                        auto s = store.GetScore(lead.id);
                                        if (s.ok()) out[lead.id] = *s;
                                      }
                                      return Status::Ok();
                                    })
                  .ok());
  return out;
}

TEST_P(TwoProcessesTest, ServersAndAWorkerShareOneRefresh) {
  const std::vector<std::string> sharing = {"--chunk-rows", "100", "--refresh-poll", "10"};
  const int port1 = StartServer(sharing);
  const int port2 = StartServer(sharing);
  ASSERT_TRUE(port1 > 0 && port2 > 0);
  Child worker(WithDb({"score", "--worker", "--poll", "10"}), dir_ / "worker.log");

  auto admin = SignIn(port1, "admin");
  auto started = admin.PostRaw("/api/scoring/refresh", "", "application/json");
  ASSERT_EQ(started.status, 202) << started.body;
  const int64_t job = started.json["job"]["id"];
  EXPECT_EQ(WaitForJob(admin, job), "succeeded");

  // The scores are one refresh's: every lead, the active version, no work left behind.
  auto active = store_->GetActiveModelVersion();
  ASSERT_TRUE(active.ok());
  auto scores = AllScores(*store_);
  EXPECT_EQ(scores.size(), kLeadRows);
  for (const auto& [id, score] : scores) {
    ASSERT_EQ(score.model_version, active->id) << "lead " << id;
  }
  EXPECT_FALSE(store_->FindRefreshWork(SystemClock().NowMs())->has_value());

  // The logs say who scored chunks besides server 1 (written out when the processes stop).
  worker.Stop();
  servers_[1]->Stop();
  const std::string helpers = servers_[1]->Log() + worker.Log();
  EXPECT_NE(helpers.find("job " + std::to_string(job) + ": scored"), std::string::npos)
      << "nobody helped server 1:\n" << helpers;
  EXPECT_EQ(ApiClient(port1).Get("/healthz").status, 200);
}

TEST_P(TwoProcessesTest, AWorkerWithoutARefreshDoesNothing) {
  Child once(WithDb({"score", "--worker", "--once"}), dir_ / "once.log");
  EXPECT_EQ(once.Wait(60s), 0) << once.Log();
  EXPECT_NE(once.Log().find("no score refresh is running; nothing to do"), std::string::npos)
      << once.Log();
  EXPECT_TRUE(RefreshJobs().empty());
  EXPECT_EQ(*store_->CountScores(), 0);
  Child wrong(WithDb({"score", "--once"}), dir_ / "wrong.log");
  EXPECT_EQ(wrong.Wait(60s), 2) << wrong.Log();
  EXPECT_TRUE(RefreshJobs().empty());
}

TEST_P(TwoProcessesTest, AKilledRefreshLeavesTheOldScoresWholeAndTheNextOneRuns) {
  // The old scores: 0.5 for every lead, made by this process.
  auto active = store_->GetActiveModelVersion();
  ASSERT_TRUE(active.ok());
  {
    auto run = store_->BeginScoreRefresh(active->id);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    std::vector<Score> old;
    ASSERT_TRUE(store_
                    ->ForEachLeadBatch(1000,
                                       [&](const std::vector<Lead>& batch) {
                                         for (const Lead& lead : batch) {
                                           old.push_back({lead.id, 0.5, std::nullopt, "B",
                                                          active->id, 0});
                                         }
                                         return Status::Ok();
                                       })
                    .ok());
    ASSERT_TRUE((*run)->Add(old).ok());
    ASSERT_TRUE((*run)->Commit().ok());
  }

  // A refresh in 100 chunks, killed as soon as it reports its first one.
  Child score(WithDb({"score", "--chunk-rows", "100"}), dir_ / "killed.log");
  const auto deadline = steady_clock::now() + 60s;
  while (score.Log().find("scoring:") == std::string::npos && score.running() &&
         steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ::kill(score.pid(), SIGKILL);
  score.Wait(10s);
  auto jobs = RefreshJobs();
  ASSERT_EQ(jobs.size(), 1u);
  ASSERT_EQ(jobs[0].state, JobState::kRunning) << "the refresh ended before it was killed";
  EXPECT_GT(jobs[0].done, 0);
  EXPECT_LT(jobs[0].done, static_cast<int64_t>(kLeadRows));
  auto before = AllScores(*store_);
  ASSERT_EQ(before.size(), kLeadRows);
  for (const auto& [id, s] : before) ASSERT_EQ(s.score, 0.5) << "lead " << id;

  // The next refresh fails the dead one's job and runs.
  Cli({"score"});
  jobs = RefreshJobs();
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].state, JobState::kDone);
  EXPECT_EQ(jobs[1].state, JobState::kFailed);
  EXPECT_NE(jobs[1].error.find("interrupted"), std::string::npos) << jobs[1].error;
  auto after = AllScores(*store_);
  ASSERT_EQ(after.size(), kLeadRows);
  int unchanged = 0;
  for (const auto& [id, s] : after) {
    unchanged += s.score == 0.5;
    EXPECT_EQ(s.previous_score.value_or(-1), 0.5) << "lead " << id;
  }
  EXPECT_LT(unchanged, 10);
}

// `serve --public-metrics`, on a real process: without the flag /metrics needs an admin's
// session, with it anyone may read it (a scraper that cannot sign in). SQLite only: the flag
// does not touch the database.
TEST(ServeFlagsTest, MetricsArePublicOnlyWithTheFlag) {
  const fs::path dir = fs::path(::testing::TempDir()) / testing_db::UniqueName("leadscore_flags_");
  fs::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "portal.db").string();
  {
    Child help({"serve", "--help"}, dir / "help.log");
    EXPECT_EQ(help.Wait(30s), 0);
    EXPECT_NE(help.Log().find("--public-metrics"), std::string::npos) << help.Log();
  }
  auto metrics_status = [&](std::vector<std::string> flags) {
    std::vector<std::string> args = {"--db", db, "serve", "--port", "0", "--no-access-log",
                                     "--web-dir", (dir / "no-web-app").string()};
    args.insert(args.end(), flags.begin(), flags.end());
    Child server(args, dir / "serve.log");
    const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+))");
    const auto deadline = steady_clock::now() + 60s;
    std::smatch m;
    std::string log;
    while (steady_clock::now() < deadline && server.running()) {
      log = server.Log();
      if (std::regex_search(log, m, serving)) break;
      std::this_thread::sleep_for(20ms);
    }
    if (m.empty()) {
      ADD_FAILURE() << "the server did not start:\n" << server.Log();
      return 0;
    }
    return ApiClient(std::stoi(m[1])).Get("/metrics").status;
  };
  EXPECT_EQ(metrics_status({}), 401);
  EXPECT_EQ(metrics_status({"--public-metrics"}), 200);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace leadscore::http
