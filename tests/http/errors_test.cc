// The error body: the reason as `code` with typed `params`, the generic name as `kind` (and as
// the code of a status without a reason), and nothing of an internal error's detail.
#include "http/errors.h"

#include <gtest/gtest.h>

namespace leadscore::http {
namespace {

TEST(ErrorBodyTest, AReasonIsTheCodeAndItsParamsKeepTheirTypes) {
  const Status taken = Status::Conflict("lead 7 is being followed up by Ani")
                           .With("lead_followed_up", {{"lead", int64_t{7}}, {"name", "Ani"}});
  const nlohmann::json body = ErrorBody(HttpCodeOf(taken), taken);
  EXPECT_EQ(HttpCodeOf(taken), 409);
  EXPECT_EQ(body["error"]["code"], "lead_followed_up");
  EXPECT_EQ(body["error"]["kind"], "conflict");
  EXPECT_TRUE(body["error"]["params"]["lead"].is_number_integer());
  EXPECT_EQ(body["error"]["params"]["lead"], 7);
  EXPECT_EQ(body["error"]["params"]["name"], "Ani");
  EXPECT_EQ(body["error"]["message"], "lead 7 is being followed up by Ani");
  EXPECT_FALSE(body["error"].contains("details"));

  const Status note = Status::FailedPrecondition("x").With("training_too_few_outcomes",
                                                           {{"yes", 0.5}});
  EXPECT_TRUE(ErrorBody(409, note)["error"]["params"]["yes"].is_number_float());
  EXPECT_EQ(ErrorBody(409, note)["error"]["kind"], "failed_precondition");
}

TEST(ErrorBodyTest, WithoutAReasonTheCodeIsTheKindAndTheReasonSurvivesContext) {
  const nlohmann::json plain = ErrorBody(404, Status::NotFound("no such thing"));
  EXPECT_EQ(plain["error"]["code"], "not_found");
  EXPECT_EQ(plain["error"]["kind"], "not_found");
  EXPECT_EQ(plain["error"]["params"], nlohmann::json::object());

  const Status wrapped =
      Status::InvalidArgument("too long").With("note_too_long", {{"max", int64_t{1000}}})
          .WithContext("saving");
  const nlohmann::json body = ErrorBody(400, wrapped, {{"errors", nlohmann::json::array()}});
  EXPECT_EQ(body["error"]["code"], "note_too_long");
  EXPECT_EQ(body["error"]["params"]["max"], 1000);
  EXPECT_EQ(body["error"]["message"], "saving: too long");
  EXPECT_TRUE(body["error"]["details"]["errors"].is_array());
  // 413 and 415 are named by the router's answer, whatever the status's code.
  EXPECT_EQ(ErrorBody(413, Status::InvalidArgument("big").With("body_too_large"))["error"]["kind"],
            "payload_too_large");
}

TEST(ErrorBodyTest, AnInternalErrorTellsNothing) {
  const Status bug =
      Status::Internal("SELECT * FROM leads failed").With("lead_not_found", {{"id", int64_t{3}}});
  const nlohmann::json body = ErrorBody(500, bug);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body["error"]["kind"], "internal");
  EXPECT_EQ(body["error"]["params"], nlohmann::json::object());
  EXPECT_EQ(body.dump().find("SELECT"), std::string::npos);
}

}  // namespace
}  // namespace leadscore::http
