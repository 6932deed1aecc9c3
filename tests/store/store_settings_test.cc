// Store: settings (round trip, the grade bands' regrade in the same transaction), the sign-in
// time of users, and named locks that hold across processes, on both engines.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

using StoreSettingsTest = StoreTest;
LEADSCORE_STORE_SUITE(StoreSettingsTest);

TEST_P(StoreSettingsTest, SettingsRoundTripAndReplace) {
  auto missing = store_->GetSetting("grade_bands");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_FALSE(missing->has_value());

  ASSERT_TRUE(
      store_->PutSetting({"grade_bands", R"({"bands":[0.7,0.4,0.1]})", now(), "admin"}).ok());
  auto first = store_->GetSetting("grade_bands");
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->name, "grade_bands");
  EXPECT_EQ((*first)->value_json, R"({"bands":[0.7,0.4,0.1]})");
  EXPECT_EQ((*first)->updated_at, now());
  EXPECT_EQ((*first)->updated_by, "admin");

  clock_.Advance(kMsPerHour);
  ASSERT_TRUE(store_->PutSetting({"grade_bands", R"({"bands":null})", now(), "boss"}).ok());
  auto second = store_->GetSetting("grade_bands");
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->value_json, R"({"bands":null})");
  EXPECT_EQ((*second)->updated_at, now());
  EXPECT_EQ((*second)->updated_by, "boss");
  EXPECT_FALSE(store_->GetSetting("other")->has_value());

  // Bad settings are refused and change nothing.
  EXPECT_EQ(store_->PutSetting({"", "1", now(), "admin"}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->PutSetting({"grade_bands", "", now(), "admin"}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*store_->GetSetting("grade_bands"))->value_json, R"({"bands":null})");

  // Another connection pool on the same database reads the same value.
  auto other = OpenStore(db_->url());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*(*other)->GetSetting("grade_bands"))->updated_by, "boss");
}

class StoreRegradeTest : public StoreTest {
 protected:
  // Eight scored leads, 0.1 .. 0.8, all graded "D".
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (int i = 1; i <= 8; ++i) {
      int64_t id = AddLead("L" + std::to_string(i));
      ASSERT_TRUE(store_->UpsertScore({id, 0.1 * i, std::nullopt, "D", 1, now()}).ok());
      ids_.push_back(id);
    }
  }

  std::string Grades() {
    std::string grades;
    for (int64_t id : ids_) grades += store_->GetScore(id)->grade;
    return grades;
  }

  std::vector<int64_t> ids_;
};
LEADSCORE_STORE_SUITE(StoreRegradeTest);

// How many grades differ between two Grades() strings.
int64_t Changed(const std::string& before, const std::string& after) {
  int64_t n = 0;
  for (size_t i = 0; i < before.size() && i < after.size(); ++i) n += before[i] != after[i];
  return n;
}

TEST_P(StoreRegradeTest, FixedBandsRegradeEveryScoreWithTheSetting) {
  const std::string before = Grades();
  auto regraded =
      store_->PutSettingAndRegrade({"grade_bands", R"({"bands":[0.65,0.35,0.15]})", now(), "admin"},
                                   std::vector<double>{0.65, 0.35, 0.15});
  ASSERT_TRUE(regraded.ok()) << regraded.status().ToString();
  // 0.1 D, 0.2 0.3 C, 0.4 0.5 0.6 B, 0.7 0.8 A; the answer counts the grades that changed.
  EXPECT_EQ(Grades(), "DCCBBBAA");
  EXPECT_EQ(*regraded, Changed(before, Grades()));
  EXPECT_EQ((*store_->GetSetting("grade_bands"))->value_json, R"({"bands":[0.65,0.35,0.15]})");
}

TEST_P(StoreRegradeTest, NoBandsRegradesByTheQuartilesOfTheCurrentScores) {
  const std::string before = Grades();
  auto regraded = store_->PutSettingAndRegrade({"grade_bands", R"({"bands":null})", now(), "admin"},
                                               std::nullopt);
  ASSERT_TRUE(regraded.ok()) << regraded.status().ToString();
  // Nearest rank over 8 scores: q75 = 0.6, q50 = 0.4, q25 = 0.2, as ScoreQuantiles says.
  auto q = store_->ScoreQuantiles({0.75, 0.5, 0.25});
  ASSERT_TRUE(q.ok());
  EXPECT_NEAR((*q)[0], 0.6, 1e-9);
  EXPECT_EQ(Grades(), "DCCBBAAA");
  EXPECT_EQ(*regraded, Changed(before, Grades()));
}

TEST_P(StoreRegradeTest, BadBandsChangeNeitherTheSettingNorTheGrades) {
  ASSERT_TRUE(store_->PutSetting({"grade_bands", R"({"bands":null})", now(), "admin"}).ok());
  for (const std::vector<double>& bad :
       std::vector<std::vector<double>>{{0.2, 0.5, 0.1}, {0.5, 0.3}, {0.5, 0.3, 0.2, 0.1}}) {
    auto r = store_->PutSettingAndRegrade({"grade_bands", "{\"bands\":\"bad\"}", now(), "x"}, bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(store_->PutSettingAndRegrade({"", "{}", now(), "x"}, std::vector<double>{0.6, 0.4, 0.2})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Grades(), "DDDDDDDD");
  EXPECT_EQ((*store_->GetSetting("grade_bands"))->value_json, R"({"bands":null})");
}

TEST_P(StoreSettingsTest, ASignInSessionSetsTheLastSignInTimeInOneTransaction) {
  int64_t ani = AddUser("ani", Role::kSales);
  int64_t budi = AddUser("budi", Role::kSales);
  EXPECT_FALSE(store_->GetUser(ani)->last_login_at.has_value());

  // A session that is not a sign-in (a password change) leaves it alone.
  ASSERT_TRUE(store_->CreateSession({"plain", ani, now(), now() + kMsPerHour}).ok());
  EXPECT_FALSE(store_->GetUser(ani)->last_login_at.has_value());

  clock_.Advance(kMsPerHour);
  const TimeMs first = now();
  ASSERT_TRUE(store_->CreateSignInSession({"s1", ani, first, first + kMsPerHour}).ok());
  EXPECT_EQ(store_->GetUser(ani)->last_login_at, first);
  EXPECT_EQ(store_->GetUserByUsername("ani")->last_login_at, first);
  EXPECT_EQ(store_->GetSession("s1", now())->user.last_login_at, first);
  std::map<int64_t, std::optional<TimeMs>> listed;
  auto users = store_->ListUsers();
  ASSERT_TRUE(users.ok());
  for (const User& u : *users) listed[u.id] = u.last_login_at;
  EXPECT_EQ(listed[ani], first);
  EXPECT_FALSE(listed[budi].has_value());

  // A failed insert (the token exists) rolls the sign-in time back with it.
  clock_.Advance(kMsPerHour);
  EXPECT_EQ(store_->CreateSignInSession({"s1", ani, now(), now() + kMsPerHour}).code(),
            StatusCode::kConflict);
  EXPECT_EQ(store_->GetUser(ani)->last_login_at, first);
  // An unknown user: nothing is created.
  EXPECT_EQ(store_->CreateSignInSession({"s2", 424242, now(), now() + kMsPerHour}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetSession("s2", now()).status().code(), StatusCode::kNotFound);

  // Editing the user keeps it.
  User user = *store_->GetUser(ani);
  user.display_name = "Ani W.";
  ASSERT_TRUE(store_->UpdateUser(user, ani).ok());
  EXPECT_EQ(store_->GetUser(ani)->last_login_at, first);
}

// A forked child process that opens its own store on the test database, takes the lock `name`
// and holds it until released (or killed). The child starts with this process's memory, so it
// takes the lock while this process holds none: what it holds, this process knows only through
// the lock itself. The child never touches the parent's connections and leaves by _exit.
class LockHolderProcess {
 public:
  LockHolderProcess(const std::string& url, const std::string& name) {
    if (pipe(to_child_) != 0 || pipe(from_child_) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      char answer = 'e';  // error
      {
        auto store = OpenStore(url);
        std::unique_ptr<NamedLock> lock;
        if (store.ok()) {
          auto taken = (*store)->TryLock(name);
          answer = taken.ok() ? 'y' : 'n';
          if (taken.ok()) lock = std::move(*taken);
        }
        (void)!write(from_child_[1], &answer, 1);
        char go = 0;
        (void)!read(to_child_[0], &go, 1);  // until released, or the parent's end closes
      }
      _exit(0);
    }
    if (pid_ < 0 || read(from_child_[0], &answer_, 1) != 1) answer_ = 'e';
  }
  ~LockHolderProcess() {
    if (pid_ > 0 && !ended_) Kill();
    for (int fd : {to_child_[0], to_child_[1], from_child_[0], from_child_[1]}) {
      if (fd >= 0) close(fd);
    }
  }

  bool holds() const { return answer_ == 'y'; }
  void Release() {
    const char go = 'x';
    (void)!write(to_child_[1], &go, 1);
    Wait();
  }
  void Kill() {
    kill(pid_, SIGKILL);
    Wait();
  }

 private:
  void Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    ended_ = true;
  }

  int to_child_[2] = {-1, -1};
  int from_child_[2] = {-1, -1};
  pid_t pid_ = -1;
  char answer_ = 'e';
  bool ended_ = false;
};

// Tries the lock until it is free or `timeout` has passed (PostgreSQL notices a dead client's
// connection a moment after the process is gone).
bool FreeWithin(Store& store, const std::string& name, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (store.TryLock(name).ok()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TEST_P(StoreSettingsTest, ANamedLockHoldsAcrossProcessesAndDiesWithItsHolder) {
  {
    LockHolderProcess other(db_->url(), "score-refresh");
    ASSERT_TRUE(other.holds());
    auto refused = store_->TryLock("score-refresh");
    EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
    EXPECT_TRUE(store_->TryLock("train").ok());  // another name is free
    other.Release();
    EXPECT_TRUE(FreeWithin(*store_, "score-refresh", std::chrono::seconds(5)));
  }
  {
    LockHolderProcess other(db_->url(), "score-refresh");
    ASSERT_TRUE(other.holds());
    EXPECT_EQ(store_->TryLock("score-refresh").status().code(), StatusCode::kConflict);
    other.Kill();  // a holder that dies without releasing
    EXPECT_TRUE(FreeWithin(*store_, "score-refresh", std::chrono::seconds(10)));
  }
}

}  // namespace
}  // namespace leadscore
