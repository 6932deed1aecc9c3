// Store: schema migrations, users, sessions, sign-in throttling, lead data, import and scans,
// on both engines.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/store_test_env.h"

namespace leadscore {
namespace {

using StoreDataTest = StoreTest;
LEADSCORE_STORE_SUITE(StoreDataTest);

TEST_P(StoreDataTest, MigrationsAreIdempotentOnReopen) {
  // The migrations applied, as recorded: versions 1..N, each with the time it ran.
  auto applied = [&] {
    std::vector<std::pair<int, long long>> rows;
    Raw([&](soci::session& sql) {
      soci::rowset<soci::row> rs =
          (sql.prepare << "SELECT version, applied_at FROM schema_migrations ORDER BY version");
      for (const soci::row& r : rs) {
        rows.emplace_back(r.get<int>(0), r.get<long long>(1));
      }
    });
    return rows;
  };
  const auto first = applied();
  ASSERT_FALSE(first.empty());
  for (size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].first, static_cast<int>(i + 1));
  const int64_t id = AddUser("keeper", Role::kAdmin);
  store_.reset();
  for (int i = 0; i < 2; ++i) {
    auto reopened = OpenStore(db_->url());
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    // Nothing ran again: the same versions, applied at the same times.
    EXPECT_EQ(applied(), first);
    auto user = (*reopened)->GetUser(id);
    ASSERT_TRUE(user.ok());
    EXPECT_EQ(user->username, "keeper");
  }
}

TEST_P(StoreDataTest, UsersCrud) {
  const int64_t admin = AddUser("boss", Role::kAdmin);
  const int64_t sales = AddUser("sari", Role::kSales);
  User dup;
  dup.username = "sari";
  dup.display_name = "Another";
  dup.password_hash = "h";
  EXPECT_EQ(store_->CreateUser(dup).status().code(), StatusCode::kConflict);

  auto by_name = store_->GetUserByUsername("sari");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, sales);
  EXPECT_EQ(by_name->role, Role::kSales);
  EXPECT_TRUE(by_name->active);
  EXPECT_EQ(store_->GetUser(9999).status().code(), StatusCode::kNotFound);

  User edited = *by_name;
  edited.display_name = "Sari Dewi";
  edited.updated_at = now() + 5;
  ASSERT_TRUE(store_->UpdateUser(edited, admin).ok());
  EXPECT_EQ(store_->GetUser(sales)->display_name, "Sari Dewi");
  edited.username = "boss";
  EXPECT_EQ(store_->UpdateUser(edited, admin).code(), StatusCode::kConflict);

  auto users = store_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].id, admin);

  ASSERT_TRUE(store_->CreateSession({"tok", sales, now(), now() + kMsPerHour}).ok());
  Deactivate(sales, admin);
  EXPECT_FALSE(store_->GetUser(sales)->active);
  EXPECT_EQ(store_->GetSession("tok", now()).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->DeleteUser(sales, admin, now()).ok());
  EXPECT_EQ(store_->GetUser(sales).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteUser(sales, admin, now()).code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->CountUsers(), 1);
}

TEST_P(StoreDataTest, UserWithActivityIsKeptForTheLog) {
  const int64_t sales = AddUser("sari", Role::kSales);
  const int64_t lead = AddLead("Budi");
  ASSERT_TRUE(store_->ChangeLeadStatus(lead, sales, LeadStatus::kContacted, "", std::nullopt,
                                       now(), kDefaultRejectPeriod)
                  .ok());
  EXPECT_EQ(store_->DeleteUser(sales, sales, now()).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->GetUser(sales).ok());
}

TEST_P(StoreDataTest, SessionsExpireAndAreDeleted) {
  const int64_t user = AddUser("sari", Role::kSales);
  ASSERT_TRUE(store_->CreateSession({"a", user, now(), now() + kMsPerHour}).ok());
  ASSERT_TRUE(store_->CreateSession({"b", user, now(), now() + 2 * kMsPerHour}).ok());
  EXPECT_EQ(store_->CreateSession({"a", user, now(), now()}).code(), StatusCode::kConflict);
  auto s = store_->GetSession("a", now());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->user.username, "sari");
  EXPECT_EQ(s->session.expires_at, now() + kMsPerHour);

  clock_.Advance(kMsPerHour);
  EXPECT_EQ(store_->GetSession("a", now()).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->DeleteExpiredSessions(now()), 1);
  ASSERT_TRUE(store_->DeleteSession("b").ok());
  EXPECT_EQ(store_->GetSession("b", now()).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreDataTest, LoginAttemptsAreCountedOnlyWhenEveryKeyMayTry) {
  const std::vector<std::string> keys = {"user:sari|ip:10.0.0.1", "ip:10.0.0.1"};
  auto may_try = [](LoginAttempts&) { return TimeMs{0}; };
  EXPECT_EQ(store_->GetLoginAttempts(keys[0])->failures, 0);
  EXPECT_EQ(*store_->CountLoginAttempt(keys, now(), may_try), 0);
  EXPECT_EQ(*store_->CountLoginAttempt(keys, now() + 10, may_try), 0);
  auto read = store_->GetLoginAttempts(keys[0]);
  EXPECT_EQ(read->failures, 2);
  EXPECT_EQ(read->last_failure_at, now() + 10);
  EXPECT_EQ(store_->GetLoginAttempts(keys[1])->failures, 2);

  // One key that must wait refuses the attempt: nothing is counted, not even a new key's row.
  std::vector<std::string> seen;
  auto second_waits = [&](LoginAttempts& a) {
    seen.push_back(a.key + "=" + std::to_string(a.failures));
    return a.key == keys[1] ? TimeMs{700} : TimeMs{0};
  };
  const std::vector<std::string> with_new = {"user:new|ip:10.0.0.1", "ip:10.0.0.1"};
  EXPECT_EQ(*store_->CountLoginAttempt(with_new, now() + 20, second_waits), 700);
  EXPECT_EQ(seen, (std::vector<std::string>{"user:new|ip:10.0.0.1=0", "ip:10.0.0.1=2"}));
  EXPECT_EQ(store_->GetLoginAttempts(with_new[0])->failures, 0);
  EXPECT_EQ(store_->GetLoginAttempts(keys[1])->failures, 2);

  // `admit` may start a new series.
  auto restart = [](LoginAttempts& a) {
    a.failures = 0;
    return TimeMs{0};
  };
  EXPECT_EQ(*store_->CountLoginAttempt({keys[0]}, now() + 30, restart), 0);
  EXPECT_EQ(store_->GetLoginAttempts(keys[0])->failures, 1);

  ASSERT_TRUE(store_->UncountLoginAttempt(keys[1]).ok());
  EXPECT_EQ(store_->GetLoginAttempts(keys[1])->failures, 1);
  ASSERT_TRUE(store_->UncountLoginAttempt(keys[0]).ok());
  ASSERT_TRUE(store_->UncountLoginAttempt(keys[0]).ok());  // never below 0
  EXPECT_EQ(store_->GetLoginAttempts(keys[0])->failures, 0);
  ASSERT_TRUE(store_->ClearLoginFailures(keys[1]).ok());
  EXPECT_EQ(store_->GetLoginAttempts(keys[1])->failures, 0);
}

TEST_P(StoreDataTest, ParallelLoginAttemptsAreDecidedOneAtATime) {
  // 40 attempts at once with room for 5: exactly 5 are let through and counted.
  const std::vector<std::string> keys = {"user:sari|ip:10.0.0.1", "ip:10.0.0.1"};
  auto five_free = [](LoginAttempts& a) { return a.failures < 5 ? TimeMs{0} : TimeMs{1000}; };
  std::atomic<int> admitted{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      auto wait = store_->CountLoginAttempt(keys, now(), five_free);
      if (!wait.ok()) {
        ++failed;
      } else if (*wait == 0) {
        ++admitted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(admitted.load(), 5);
  EXPECT_EQ(store_->GetLoginAttempts(keys[0])->failures, 5);
  EXPECT_EQ(store_->GetLoginAttempts(keys[1])->failures, 5);
}

TEST_P(StoreDataTest, LeadRoundTripKeepsSqlMetacharactersVerbatim) {
  Lead lead = MakeLead("O'Brien\"; DROP TABLE leads; -- 100% _x_ \\");
  lead.phone = "'); DELETE FROM users; --";
  lead.extra_json = R"({"note": "it's \"quoted\"", "pct": "50%"})";
  lead.outcome = true;
  lead.numeric[FindBankColumn("euribor3m")->slot] = 4.857;
  lead.categorical[FindBankColumn("default")->slot] = "unknown";
  auto id = store_->CreateLead(lead, now());
  ASSERT_TRUE(id.ok()) << id.status().ToString();

  auto got = store_->GetLead(*id, now(), kDefaultRejectPeriod);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, lead.name);
  EXPECT_EQ(got->phone, lead.phone);
  EXPECT_EQ(got->extra_json, lead.extra_json);
  EXPECT_EQ(got->outcome, std::optional<bool>(true));
  EXPECT_DOUBLE_EQ(got->Number(*FindBankColumn("euribor3m")), 4.857);
  EXPECT_TRUE(IsMissing(got->Number(*FindBankColumn("balance"))));
  EXPECT_EQ(got->Text(*FindBankColumn("default")), "unknown");
  EXPECT_EQ(got->Text(*FindBankColumn("month")), "");
  EXPECT_EQ(got->status, LeadStatus::kPending);
  EXPECT_EQ(got->created_at, now());

  // Search treats % and _ literally.
  AddLead("Plain name");
  LeadQuery q;
  q.viewer = ViewerFor(0, Role::kAdmin);
  q.search = "100% _x_";
  auto found = store_->ListLeads(q);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->rows[0].lead.id, *id);
  q.search = "o'brien";  // case-insensitive
  EXPECT_EQ(store_->ListLeads(q)->total, 1);
  EXPECT_EQ(*store_->CountUsers(), 0);
}

TEST_P(StoreDataTest, UpdateAndDeleteLead) {
  const int64_t id = AddLead("Budi", 30);
  ASSERT_TRUE(store_->UpsertScore({id, 0.4, std::nullopt, "B", 1, now()}).ok());
  Lead edited = MakeLead("Budi Santoso", 31);
  edited.id = id;
  ASSERT_TRUE(store_->UpdateLead(edited, now() + 1000).ok());
  auto got = store_->GetLead(id, now(), kDefaultRejectPeriod);
  EXPECT_EQ(got->name, "Budi Santoso");
  EXPECT_DOUBLE_EQ(got->Number(*FindBankColumn("age")), 31);
  EXPECT_EQ(got->updated_at, now() + 1000);
  EXPECT_EQ(got->created_at, now());

  edited.name = "";
  EXPECT_EQ(store_->UpdateLead(edited, now()).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->GetLead(id, now(), kDefaultRejectPeriod)->name, "Budi Santoso");
  edited.id = 4242;
  edited.name = "x";
  EXPECT_EQ(store_->UpdateLead(edited, now()).code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->DeleteLead(id).ok());
  EXPECT_EQ(store_->GetLead(id, now(), kDefaultRejectPeriod).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->GetScore(id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeleteLead(id).code(), StatusCode::kNotFound);
}

TEST_P(StoreDataTest, ImportCommitsAllOrNothing) {
  std::vector<Lead> batch;
  for (int i = 0; i < 250; ++i) batch.push_back(MakeLead("Lead " + std::to_string(i), 20 + i % 50));
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(batch).ok());
    ASSERT_TRUE((*writer)->Add(batch).ok());
    EXPECT_EQ(*store_->CountLeads(), 0);  // not visible before commit
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ((*writer)->added(), 500);
  }
  EXPECT_EQ(*store_->CountLeads(), 500);
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE((*writer)->Add(batch).ok());
    // dropped without commit
  }
  EXPECT_EQ(*store_->CountLeads(), 500);
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE((*writer)->Add(batch).ok());
    std::vector<Lead> bad = batch;
    bad[7].name = "";
    Status s = (*writer)->Add(bad);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("lead 258"), std::string::npos) << s.message();
    EXPECT_FALSE((*writer)->Commit().ok());
  }
  EXPECT_EQ(*store_->CountLeads(), 500);
}

// PostgreSQL imports through COPY: a COPY that the server refuses in the middle of its stream
// (a row that is not UTF-8, after thousands of good ones in the same COPY and a whole earlier
// batch) leaves nothing, and the store takes the next import as usual.
TEST_P(StoreDataTest, ACopyFailingHalfWayLeavesNothing) {
  if (store_->engine() != "postgresql") GTEST_SKIP() << "SQLite stores bytes as they are";
  std::vector<Lead> batch;
  for (int i = 0; i < 6000; ++i) batch.push_back(MakeLead("Lead " + std::to_string(i), 20 + i % 50));
  {
    auto writer = store_->BeginLeadImport(now());
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(batch).ok());
    std::vector<Lead> broken = batch;
    broken[4500].name = "Budi \xff\xfe";
    Status s = (*writer)->Add(broken);
    EXPECT_EQ(s.code(), StatusCode::kInternal) << s.ToString();
    EXPECT_FALSE((*writer)->Commit().ok());
  }
  EXPECT_EQ(*store_->CountLeads(), 0);
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE((*writer)->Add(batch).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*store_->CountLeads(), 6000);
  auto range = store_->LeadIdRange();
  EXPECT_EQ(store_->GetLead(range->first, now(), kDefaultRejectPeriod)->name, "Lead 0");
  EXPECT_EQ(store_->GetLead(range->second, now(), kDefaultRejectPeriod)->name, "Lead 5999");
}

TEST_P(StoreDataTest, ScansStreamInIdOrderAndFilterOutcomes) {
  std::vector<Lead> batch;
  for (int i = 0; i < 10; ++i) {
    Lead l = MakeLead("L" + std::to_string(i));
    if (i % 3 == 0) l.outcome = (i % 2 == 0);
    batch.push_back(l);
  }
  auto writer = store_->BeginLeadImport(now());
  ASSERT_TRUE((*writer)->Add(batch).ok());
  ASSERT_TRUE((*writer)->Commit().ok());

  std::vector<size_t> sizes;
  std::vector<int64_t> ids;
  ASSERT_TRUE(store_->ForEachLeadBatch(3, [&](const std::vector<Lead>& b) {
    sizes.push_back(b.size());
    for (const auto& l : b) ids.push_back(l.id);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(sizes, (std::vector<size_t>{3, 3, 3, 1}));
  ASSERT_EQ(ids.size(), 10u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

  auto known = store_->LeadsWithOutcome();
  ASSERT_TRUE(known.ok());
  ASSERT_EQ(known->size(), 4u);  // L0, L3, L6, L9
  EXPECT_EQ((*known)[0].outcome, std::optional<bool>(true));
  EXPECT_EQ((*known)[1].outcome, std::optional<bool>(false));

  // A range, and a callback error stops the scan with that error.
  LeadScan range;
  range.min_id = ids[2];
  range.max_id = ids[5];
  int seen = 0;
  ASSERT_TRUE(store_->ScanLeads(range, [&](const std::vector<Lead>& b) {
    seen += static_cast<int>(b.size());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, 4);
  Status stop = store_->ForEachLeadBatch(2, [](const std::vector<Lead>&) {
    return Status::Internal("stop");
  });
  EXPECT_EQ(stop.message(), "stop");
  auto bounds = store_->LeadIdRange();
  EXPECT_EQ(bounds->first, ids.front());
  EXPECT_EQ(bounds->second, ids.back());
}

}  // namespace
}  // namespace leadscore
