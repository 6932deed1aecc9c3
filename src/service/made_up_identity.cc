#include "service/made_up_identity.h"

#include <fmt/format.h>

namespace leadscore {

std::string FakeName(int64_t number) { return fmt::format("Nasabah {:06d}", number); }

std::string FakePhone(int64_t number) {
  std::string digits = fmt::format("{:08d}", number % 100'000'000);
  return fmt::format("+62 000 {} {}", digits.substr(0, 4), digits.substr(4));
}

std::string MadeUpKey(int64_t number) { return fmt::format("auto:{:06d}", number); }

bool FillMadeUpIdentity(Lead* lead, int64_t number) {
  bool faked = false;
  if (lead->name.empty()) {
    lead->name = FakeName(number);
    faked = true;
  }
  if (lead->phone.empty()) {
    lead->phone = FakePhone(number);
    faked = true;
  }
  if (lead->customer_key.empty()) lead->customer_key = MadeUpKey(number);
  return faked;
}

}  // namespace leadscore
