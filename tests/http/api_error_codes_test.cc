// The error body of the main refusals on both engines: a specific `code` with its `params`
// (from which the web app words the error in the reader's language), the generic `kind`, and
// the English `message`; the CSV import's bad rows each with line, column, code and params.
// Sign-in says "deactivated" only to whoever knows the account's password.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

using ErrorCodesApiTest = ApiTest;

const nlohmann::json& ErrorOf(const ApiClient::Answer& a) { return a.json["error"]; }

TEST_P(ErrorCodesApiTest, AWrongPasswordAndAnUnknownUserHaveOneCode) {
  auto anonymous = Anonymous();
  auto wrong =
      anonymous.Post("/api/auth/login", {{"username", "ani"}, {"password", "nope-nope-nope"}});
  ASSERT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_EQ(ErrorOf(wrong)["code"], "wrong_credentials");
  EXPECT_EQ(ErrorOf(wrong)["kind"], "unauthenticated");
  EXPECT_EQ(ErrorOf(wrong)["params"], nlohmann::json::object());
  EXPECT_EQ(ErrorOf(wrong)["message"], "wrong username or password");
  auto unknown =
      anonymous.Post("/api/auth/login", {{"username", "nobody"}, {"password", "nope-nope-nope"}});
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_P(ErrorCodesApiTest, ADeactivatedAccountIsNamedOnlyWithItsRightPassword) {
  auto admin = SignIn("admin");
  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(ani_id_), {{"active", false}}).status, 200);
  auto anonymous = Anonymous();
  auto right = anonymous.Post("/api/auth/login", {{"username", "ani"}, {"password", kPassword}});
  ASSERT_EQ(right.status, 401) << right.body;
  EXPECT_EQ(ErrorOf(right)["code"], "account_deactivated");
  EXPECT_EQ(ErrorOf(right)["kind"], "unauthenticated");
  // A wrong password learns nothing of the account's state.
  auto wrong =
      anonymous.Post("/api/auth/login", {{"username", "ani"}, {"password", "nope-nope-nope"}});
  EXPECT_EQ(ErrorOf(wrong)["code"], "wrong_credentials") << wrong.body;
  // Reactivated, the same password signs in.
  ASSERT_EQ(admin.Patch("/api/users/" + std::to_string(ani_id_), {{"active", true}}).status, 200);
  SignIn("ani");
}

TEST_P(ErrorCodesApiTest, ATakenUsernameNamesTheUsername) {
  auto admin = SignIn("admin");
  auto taken = admin.Post("/api/users", {{"username", "ani"},
                                         {"display_name", "Ani Lain"},
                                         {"role", "sales"},
                                         {"password", "a long enough password"}});
  ASSERT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(ErrorOf(taken)["code"], "username_taken");
  EXPECT_EQ(ErrorOf(taken)["params"], (nlohmann::json{{"username", "ani"}}));
  EXPECT_EQ(ErrorOf(taken)["kind"], "conflict");
  EXPECT_EQ(ErrorOf(taken)["message"], "the username 'ani' is taken");
}

TEST_P(ErrorCodesApiTest, ALeadTakenBySomeoneElseNamesTheLeadAndTheOwner) {
  const int64_t lead = AddLead("Eka Putri");
  const std::string path = "/api/leads/" + std::to_string(lead) + "/status";
  ASSERT_EQ(SignIn("ani").Post(path, {{"status", "contacted"}}).status, 200);
  auto taken = SignIn("budi").Post(path, {{"status", "converted"}});
  ASSERT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(ErrorOf(taken)["code"], "lead_followed_up");
  EXPECT_EQ(ErrorOf(taken)["params"], (nlohmann::json{{"lead", lead}, {"name", "Ani Wijaya"}}));
  EXPECT_EQ(ErrorOf(taken)["kind"], "conflict");
  // A refused move keeps its reason through the service's re-coding as a precondition.
  auto ani = SignIn("ani");
  ASSERT_EQ(ani.Post(path, {{"status", "converted"}}).status, 200);
  auto final_move = ani.Post(path, {{"status", "rejected"}});
  ASSERT_EQ(final_move.status, 409) << final_move.body;
  EXPECT_EQ(ErrorOf(final_move)["code"], "lead_converted_final");
  EXPECT_EQ(ErrorOf(final_move)["params"], (nlohmann::json{{"lead", lead}}));
  EXPECT_EQ(ErrorOf(final_move)["kind"], "failed_precondition");
}

TEST_P(ErrorCodesApiTest, ARefusedImportListsEachBadRowByCode) {
  auto admin = SignIn("admin");
  const std::string header =
      "age;job;marital;education;default;housing;loan;contact;month;day_of_week;campaign;pdays;"
      "previous;poutcome;y\n";
  const std::string good =
      "41;technician;married;university.degree;no;yes;no;cellular;may;mon;1;999;0;nonexistent;no\n";
  const std::string file =
      header + good +
      "empat puluh;admin.;single;high.school;no;no;no;telephone;jun;tue;2;999;0;nonexistent;yes\n" +
      "150;admin.;single;high.school;no;no;no;telephone;jun;tue;2;999;0;nonexistent;yes\n";
  auto refused = admin.PostRaw("/api/leads/import", file, "text/csv");
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorOf(refused)["code"], "import_refused");
  EXPECT_EQ(ErrorOf(refused)["params"], (nlohmann::json{{"bad_rows", 2}}));
  EXPECT_EQ(ErrorOf(refused)["kind"], "invalid_argument");
  const auto& rows = ErrorOf(refused)["details"]["errors"];
  ASSERT_EQ(rows.size(), 2u) << refused.body;
  EXPECT_EQ(rows[0]["line"], 3);
  EXPECT_EQ(rows[0]["column"], "age");
  EXPECT_EQ(rows[0]["code"], "field_not_number");
  EXPECT_EQ(rows[0]["params"],
            (nlohmann::json{{"field", "age"}, {"value", "empat puluh"}, {"type", "integer"}}));
  EXPECT_EQ(rows[0]["reason"], "column 'age': 'empat puluh' is not a number");
  EXPECT_EQ(rows[1]["line"], 4);
  EXPECT_EQ(rows[1]["code"], "field_out_of_range");
  EXPECT_EQ(rows[1]["params"]["field"], "age");
  EXPECT_EQ(rows[1]["params"]["value"], 150.0);
  EXPECT_TRUE(rows[1]["params"]["min"].is_number());
  EXPECT_TRUE(rows[1]["params"]["max"].is_number());
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 0);  // nothing was written

  // Skipped, the good row goes in and the bad ones are listed the same way.
  auto skipped = admin.PostRaw("/api/leads/import?skip_bad_rows=true", file, "text/csv");
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  EXPECT_EQ(skipped.json["imported"], 1);
  ASSERT_EQ(skipped.json["errors"].size(), 2u);
  EXPECT_EQ(skipped.json["errors"][0]["code"], "field_not_number");
  // A customer twice in one file names the line of the first.
  const std::string twice = "customer_id;" + header + "C-1;" + good + "C-1;" + good;
  auto repeated = admin.PostRaw("/api/leads/import", twice, "text/csv");
  ASSERT_EQ(repeated.status, 400) << repeated.body;
  const auto& row = ErrorOf(repeated)["details"]["errors"][0];
  EXPECT_EQ(row["code"], "customer_repeated");
  EXPECT_EQ(row["params"],
            (nlohmann::json{{"field", "customer_id"}, {"value", "C-1"}, {"first_line", 2}}));
}

TEST_P(ErrorCodesApiTest, AWrongCurrentPasswordHasItsOwnCode) {
  auto ani = SignIn("ani");
  auto bad = ani.Post("/api/me/password", {{"current_password", "not it at all"},
                                           {"new_password", "a new long password"}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(ErrorOf(bad)["code"], "current_password_wrong");
  EXPECT_EQ(ErrorOf(bad)["kind"], "invalid_argument");
  auto short_one =
      ani.Post("/api/me/password", {{"current_password", kPassword}, {"new_password", "short"}});
  EXPECT_EQ(ErrorOf(short_one)["code"], "password_too_short");
  EXPECT_EQ(ErrorOf(short_one)["params"], (nlohmann::json{{"min", 10}}));
}

TEST_P(ErrorCodesApiTest, TheGatesRefusalsHaveCodesToo) {
  auto admin = SignIn("admin");
  auto no_route = admin.Get("/api/no-such-thing");
  ASSERT_EQ(no_route.status, 404) << no_route.body;
  EXPECT_EQ(ErrorOf(no_route)["code"], "route_not_found");
  EXPECT_EQ(ErrorOf(no_route)["kind"], "not_found");

  auto unknown_key = admin.Post("/api/users", {{"username", "eko"}, {"colour", "blue"}});
  ASSERT_EQ(unknown_key.status, 400);
  EXPECT_EQ(ErrorOf(unknown_key)["code"], "unknown_field");
  EXPECT_EQ(ErrorOf(unknown_key)["params"], (nlohmann::json{{"field", "colour"}}));

  auto not_json = admin.PostRaw("/api/users", "{\"username\":", "application/json");
  EXPECT_EQ(ErrorOf(not_json)["code"], "json_invalid") << not_json.body;

  auto too_large =
      admin.PostRaw("/api/users", std::string(2 * 1024 * 1024, ' '), "application/json");
  ASSERT_EQ(too_large.status, 413);
  EXPECT_EQ(ErrorOf(too_large)["code"], "body_too_large");
  EXPECT_EQ(ErrorOf(too_large)["kind"], "payload_too_large");

  auto anonymous = Anonymous().Get("/api/leads");
  ASSERT_EQ(anonymous.status, 401);
  EXPECT_EQ(ErrorOf(anonymous)["code"], "sign_in_required");

  auto wrong_role = SignIn("ani").Get("/api/users");
  ASSERT_EQ(wrong_role.status, 403);
  EXPECT_EQ(ErrorOf(wrong_role)["code"], "wrong_role");

  auto missing = admin.Get("/api/leads/987654");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorOf(missing)["code"], "lead_not_found");
  EXPECT_EQ(ErrorOf(missing)["params"], (nlohmann::json{{"id", 987654}}));
}

LEADSCORE_API_SUITE(ErrorCodesApiTest);

}  // namespace
}  // namespace leadscore::http
