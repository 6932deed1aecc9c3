// The cryptography of sign-in, in one place: Argon2id password hashes, random session tokens
// and the hash under which a token is stored, generated passwords. Everything is libsodium.
//
// Free functions without state besides libsodium's one-time initialisation; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace leadscore {

// The Argon2id string of `password` (salt and costs inside), for User::password_hash. Costs are
// libsodium's "interactive" limits: about 0.1 s and 64 MiB per hash.
Result<std::string> HashPassword(std::string_view password);

// True if `password` matches `hash`. A malformed hash is simply no match.
bool VerifyPassword(std::string_view password, const std::string& hash);

// Spends the time of one verification without a real hash, so that an unknown username answers
// as slowly as a wrong password.
void VerifyAgainstDummyHash(std::string_view password);

// 32 random bytes as 64 hex characters: the value of the session cookie.
std::string NewSessionToken();

// The BLAKE2b-256 hash of a token, hex: what the store keeps instead of the token.
std::string HashSessionToken(std::string_view token);

// A random password of 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string GeneratePassword();

// Checks a new password: 10..256 characters.
Status ValidateNewPassword(std::string_view password);

}  // namespace leadscore
