// Account management over HTTP: creating sales with a generated password, the rules that keep
// an admin, deleting, and validation.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using UsersApiTest = ApiTest;

TEST_P(UsersApiTest, AnAdminCreatesASalesWhoCanSignInWithTheGeneratedPassword) {
  auto admin = SignIn("admin");
  auto created = admin.Post("/api/users", {{"username", "citra"}, {"display_name", "Citra Lestari"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json["user"]["role"], "sales");
  std::string password = created.json["generated_password"];
  EXPECT_GE(password.size(), 12u);
  auto citra = SignIn("citra", password);
  EXPECT_EQ(citra.Get("/api/me").json["user"]["display_name"], "Citra Lestari");

  auto taken = admin.Post("/api/users", {{"username", "citra"}, {"display_name", "Another"}});
  EXPECT_EQ(taken.status, 409);
  auto list = admin.Get("/api/users?role=sales");
  EXPECT_EQ(list.json["items"].size(), 3u);
}

TEST_P(UsersApiTest, BadAccountsAreRefusedAndNothingIsCreated) {
  auto admin = SignIn("admin");
  for (const nlohmann::json& body : std::vector<nlohmann::json>{
           {{"username", "A B"}, {"display_name", "x"}},
           {{"username", "ab"}, {"display_name", "x"}},
           {{"username", "robert'); DROP TABLE users;--"}, {"display_name", "x"}},
           {{"username", "dian"}, {"display_name", ""}},
           {{"username", "dian"}, {"display_name", "Dian"}, {"password", "short"}},
           {{"username", "dian"}, {"display_name", "Dian"}, {"role", "root"}},
           {{"username", 42}, {"display_name", "Dian"}},
       }) {
    auto a = admin.Post("/api/users", body);
    EXPECT_EQ(a.status, 400) << body.dump() << " -> " << a.body;
  }
  EXPECT_EQ(admin.Get("/api/users").json["items"].size(), 3u);
}

TEST_P(UsersApiTest, AnAdminKeepsTheirOwnAccountAndTheLastAdmin) {
  auto admin = SignIn("admin");
  const std::string self = "/api/users/" + std::to_string(admin_id_);
  EXPECT_EQ(admin.Patch(self, {{"active", false}}).status, 409);
  EXPECT_EQ(admin.Patch(self, {{"role", "sales"}}).status, 409);
  EXPECT_EQ(admin.Delete(self).status, 409);
  EXPECT_EQ(admin.Get("/api/me").status, 200);
  EXPECT_EQ(admin.Patch(self, nlohmann::json::object()).status, 400);
  EXPECT_EQ(admin.Get("/api/users/424242").status, 404);
}

TEST_P(UsersApiTest, DeletingASalesWithHistoryIsRefusedButDeactivationWorks) {
  int64_t lead = AddLead("Oki");
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post("/api/leads/" + std::to_string(lead) + "/status", {{"status", "contacted"}}).status, 200);
  auto admin = SignIn("admin");
  auto del = admin.Delete("/api/users/" + std::to_string(ani_id_));
  EXPECT_EQ(del.status, 409) << del.body;
  auto off = admin.Patch("/api/users/" + std::to_string(ani_id_), {{"active", false}});
  EXPECT_EQ(off.status, 200);
  EXPECT_EQ(off.json["user"]["active"], false);
  // A sales without history can be deleted.
  EXPECT_EQ(admin.Delete("/api/users/" + std::to_string(budi_id_)).status, 204);
  EXPECT_EQ(admin.Get("/api/users/" + std::to_string(budi_id_)).status, 404);
}

LEADSCORE_API_SUITE(UsersApiTest);

}  // namespace
}  // namespace leadscore::http
