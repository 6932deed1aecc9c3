// Made-up identities: a lead that arrives without a name, a phone or a customer key (an import
// row, a lead created without them) gets them from an identity number the store reserved
// (Store::ReserveIdentityNumbers), never repeated, so that no two leads share a made-up key.
#pragma once

#include <cstdint>
#include <string>

#include "core/lead.h"

namespace leadscore {

// "Nasabah 000123", "+62 000 0000 0123" and "auto:000123" for identity number 123: visibly not
// real (the +62 000 prefix is not an Indonesian operator range, and NormalizePhoneE164 takes it
// for no number).
std::string FakeName(int64_t number);
std::string FakePhone(int64_t number);
std::string MadeUpKey(int64_t number);

// Gives the lead what it lacks of an identity, from identity number `number`: FakeName if it
// has no name, FakePhone if no phone, MadeUpKey if no customer key. True when the name or the
// phone was made up.
bool FillMadeUpIdentity(Lead* lead, int64_t number);

}  // namespace leadscore
