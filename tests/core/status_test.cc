#include "core/status.h"

#include <gtest/gtest.h>

namespace leadscore {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidArgument("must be positive");
  return v;
}

Result<int> Doubled(int v) {
  LS_ASSIGN_OR_RETURN(int x, ParsePositive(v));
  return 2 * x;
}

Status Check(int v) {
  LS_RETURN_IF_ERROR(ParsePositive(v).status());
  return Status::Ok();
}

TEST(StatusTest, PropagatesThroughMacros) {
  EXPECT_EQ(*Doubled(21), 42);
  auto bad = Doubled(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().ToString(), "InvalidArgument: must be positive");
  EXPECT_TRUE(Check(1).ok());
  EXPECT_FALSE(Check(0).ok());
}

TEST(StatusTest, WithContextPrefixesOnlyErrors) {
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
  EXPECT_EQ(Status::NotFound("lead 3").WithContext("export").message(), "export: lead 3");
}

TEST(StatusTest, ReasonAndParamsSurviveContext) {
  Status s = Status::Conflict("the username 'ani' is taken")
                 .With("username_taken", {{"username", "ani"}, {"line", int64_t{12}}})
                 .WithContext("import");
  EXPECT_EQ(s.message(), "import: the username 'ani' is taken");
  EXPECT_EQ(s.reason(), "username_taken");
  ASSERT_EQ(s.params().size(), 2u);
  EXPECT_EQ(s.params()[0].name, "username");
  EXPECT_EQ(std::get<std::string>(s.params()[0].value), "ani");
  EXPECT_EQ(std::get<int64_t>(s.params()[1].value), 12);
  EXPECT_TRUE(Status::Ok().With("x").reason().empty());
}

}  // namespace
}  // namespace leadscore
