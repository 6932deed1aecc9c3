#include "service/made_up_identity.h"

#include <gtest/gtest.h>

#include "core/lead_workflow.h"

namespace leadscore {
namespace {

TEST(MadeUpIdentityTest, DependsOnlyOnItsNumber) {
  EXPECT_EQ(FakeName(123), "Nasabah 000123");
  EXPECT_EQ(FakePhone(123), "+62 000 0000 0123");
  EXPECT_EQ(MadeUpKey(123), "auto:000123");
  EXPECT_EQ(FakeName(1234567), "Nasabah 1234567");
  EXPECT_EQ(FakePhone(12345678), "+62 000 1234 5678");
  EXPECT_NE(FakeName(1), FakeName(2));
  // The made-up number is no number: no do-not-call mark or phone key can match it.
  EXPECT_EQ(NormalizePhoneE164(FakePhone(123)), std::nullopt);
  // Only what is missing is made up.
  Lead named;
  named.name = "Sari";
  named.customer_key = "C-1";
  EXPECT_TRUE(FillMadeUpIdentity(&named, 9));
  EXPECT_EQ(named.name, "Sari");
  EXPECT_EQ(named.phone, "+62 000 0000 0009");
  EXPECT_EQ(named.customer_key, "C-1");
}

TEST(MadeUpIdentityTest, AnImportRowWithoutIdentityGetsAllThree) {
  Lead lead;
  EXPECT_TRUE(FillMadeUpIdentity(&lead, 7));
  EXPECT_EQ(lead.name, "Nasabah 000007");
  EXPECT_EQ(lead.phone, "+62 000 0000 0007");
  EXPECT_EQ(lead.customer_key, "auto:000007");
  Lead known;
  known.name = "Sari";
  known.phone = "0812 1111 2222";
  // Only the key was missing: nothing a sales person sees is made up.
  EXPECT_FALSE(FillMadeUpIdentity(&known, 8));
  EXPECT_EQ(known.customer_key, "auto:000008");
}

}  // namespace
}  // namespace leadscore
