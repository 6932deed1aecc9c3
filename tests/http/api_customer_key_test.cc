// One customer, one lead (docs/ARCHITECTURE.md) over HTTP, on both engines: the import report's
// new, updated and unchanged counts, a re-import that keeps what the sales floor did (status,
// owner, notes, the do-not-call mark), 409 for a lead created with a key another lead has, and a
// phone found however it is written.
#include "http/api_test_env.h"

namespace leadscore::http {
namespace {

// The fields a lead created by hand must have (core/field_spec.h: age and job are required), as
// a member of a create body.
const nlohmann::json kFields = {"fields", {{"age", 41}, {"job", "technician"}}};

using CustomerKeyApiTest = ApiTest;

constexpr char kFile[] =
    "nama;no_hp;age;job;y\n"
    "Ayu Lestari;0812-3456-7890;30;admin.;\n"
    "Budi Hartono;0813 1111 2222;41;technician;\n";

TEST_P(CustomerKeyApiTest, ReimportUpdatesTheSameLeadsAndKeepsTheFloorsWork) {
  auto admin = SignIn("admin");
  auto first = admin.PostRaw("/api/leads/import", kFile, "text/csv");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["imported"], 2);
  EXPECT_EQ(first.json["created"], 2);
  EXPECT_EQ(first.json["updated"], 0);
  EXPECT_EQ(first.json["unchanged"], 0);

  auto list = admin.Get("/api/leads?q=Ayu");
  ASSERT_EQ(list.json["items"].size(), 1u) << list.body;
  const int64_t ayu = list.json["items"][0]["id"];
  auto ani = SignIn("ani");
  auto moved = ani.Post("/api/leads/" + std::to_string(ayu) + "/status",
                        {{"status", "contacted"}, {"note", "minta ditelepon sore"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto marked = ani.Patch("/api/leads/" + std::to_string(ayu),
                          {{"do_not_call", true}, {"consent_note", "tidak mau ditelepon"}});
  ASSERT_EQ(marked.status, 200) << marked.body;

  auto same = admin.PostRaw("/api/leads/import", kFile, "text/csv");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json["created"], 0);
  EXPECT_EQ(same.json["updated"], 0);
  EXPECT_EQ(same.json["unchanged"], 2);

  const std::string changed =
      "nama;no_hp;age;job;y\n"
      "Ayu Lestari;+62 812 3456 7890;31;admin.;\n"
      "Budi Hartono;0813 1111 2222;41;technician;\n"
      "Citra;0857 0000 1111;25;student;\n";
  auto again = admin.PostRaw("/api/leads/import", changed, "text/csv");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["imported"], 3);
  EXPECT_EQ(again.json["created"], 1);
  EXPECT_EQ(again.json["updated"], 1);
  EXPECT_EQ(again.json["unchanged"], 1);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 3);

  auto detail = admin.Get("/api/leads/" + std::to_string(ayu));
  ASSERT_EQ(detail.status, 200) << detail.body;
  const auto& lead = detail.json["lead"];
  EXPECT_EQ(lead["fields"]["age"], 31.0);
  EXPECT_EQ(lead["phone"], "+62 812 3456 7890");
  EXPECT_EQ(lead["customer_key"], "+6281234567890");
  EXPECT_EQ(lead["status"], "contacted");
  EXPECT_EQ(lead["owner"]["display_name"], "Ani Wijaya");
  EXPECT_EQ(lead["do_not_call"], true);
  bool note = false;
  for (const auto& entry : lead["history"]) note = note || entry["note"] == "minta ditelepon sore";
  EXPECT_TRUE(note) << lead["history"].dump();
  // Still in no call list.
  EXPECT_EQ(ani.Get("/api/leads?q=Ayu").json["total"], 0);
}

TEST_P(CustomerKeyApiTest, ADuplicateKeyInTheFileIsRefusedWithItsLine) {
  auto admin = SignIn("admin");
  const std::string twice =
      "customer_id;nama;age;job\n"
      "C-1;Ayu;30;admin.\n"
      "C-2;Budi;41;technician\n"
      "C-1;Ayu lagi;30;admin.\n";
  auto refused = admin.PostRaw("/api/leads/import", twice, "text/csv");
  ASSERT_EQ(refused.status, 400) << refused.body;
  ASSERT_EQ(refused.json["error"]["details"]["errors"].size(), 1u) << refused.body;
  EXPECT_EQ(refused.json["error"]["details"]["errors"][0]["line"], 4);
  EXPECT_NE(refused.json["error"]["details"]["errors"][0]["reason"].get<std::string>().find(
                "already on line 2"),
            std::string::npos);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 0);

  auto skipped = admin.PostRaw("/api/leads/import?skip_bad_rows=true", twice, "text/csv");
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  EXPECT_EQ(skipped.json["created"], 2);
  EXPECT_EQ(skipped.json["skipped"], 1);
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 2);
}

TEST_P(CustomerKeyApiTest, CreatingALeadOfAKnownCustomerIs409) {
  auto admin = SignIn("admin");
  auto first = admin.Post("/api/leads", {kFields, {"name", "Ayu"}, {"phone", "0812-3456-7890"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json["lead"]["customer_key"], "+6281234567890");

  // The same number written another way is the same customer.
  auto again = admin.Post("/api/leads",
                          {kFields, {"name", "Ayu Lestari"}, {"phone", "+62 812 3456 7890"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json["error"]["code"], "conflict");
  const std::string message = again.json["error"]["message"];
  EXPECT_EQ(message, "a lead with this customer key already exists");
  EXPECT_EQ(message.find("Ayu"), std::string::npos);

  auto keyed = admin.Post("/api/leads", {kFields, {"name", "Budi"}, {"customer_key", "CIF-9"}});
  ASSERT_EQ(keyed.status, 201) << keyed.body;
  EXPECT_EQ(keyed.json["lead"]["customer_key"], "CIF-9");
  EXPECT_EQ(admin.Post("/api/leads", {kFields, {"name", "X"}, {"customer_key", "CIF-9"}}).status, 409);
  EXPECT_EQ(admin.Post("/api/leads", {kFields, {"name", "X"}, {"customer_key", " "}}).status, 400);

  // Without a number or a key, a lead gets a key of its own: two such never collide.
  auto lone = admin.Post("/api/leads", {kFields, {"name", "Tanpa nomor"}});
  auto other = admin.Post("/api/leads", {kFields, {"name", "Tanpa nomor"}});
  ASSERT_EQ(lone.status, 201) << lone.body;
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_NE(lone.json["lead"]["customer_key"], other.json["lead"]["customer_key"]);

  // An edit to a number another lead has is refused too, and changes nothing.
  const int64_t budi = keyed.json["lead"]["id"];
  auto clash = admin.Patch("/api/leads/" + std::to_string(budi), {{"customer_key", "+6281234567890"}});
  EXPECT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(admin.Get("/api/leads/" + std::to_string(budi)).json["lead"]["customer_key"], "CIF-9");
  EXPECT_EQ(admin.Get("/api/leads").json["total"], 4);
}

TEST_P(CustomerKeyApiTest, APhoneIsFoundHoweverItIsWritten) {
  auto admin = SignIn("admin");
  ASSERT_EQ(admin.PostRaw("/api/leads/import", kFile, "text/csv").status, 200);
  for (const char* q : {"081234567890", "0812-3456-7890", "%2B62%20812%203456%207890"}) {
    auto found = admin.Get(std::string("/api/leads?q=") + q);
    ASSERT_EQ(found.status, 200) << found.body;
    ASSERT_EQ(found.json["total"], 1) << q << ": " << found.body;
    EXPECT_EQ(found.json["items"][0]["name"], "Ayu Lestari") << q;
  }
  auto sales = SignIn("ani").Get("/api/leads?q=%2B62%20813-1111-2222");
  ASSERT_EQ(sales.json["total"], 1) << sales.body;
  EXPECT_EQ(sales.json["items"][0]["name"], "Budi Hartono");
}

LEADSCORE_API_SUITE(CustomerKeyApiTest);

}  // namespace
}  // namespace leadscore::http
