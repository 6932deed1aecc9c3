#include "service/auth_crypto.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <mutex>

namespace leadscore {
namespace {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no usable random source: nothing safe is possible
  });
}

std::string ToHex(const unsigned char* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

const std::string& DummyHash() {
  static const std::string hash = [] {
    auto h = HashPassword("leadscore dummy password for timing");
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::ResourceExhausted("not enough memory to hash a password").With("server_busy");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummyHash(std::string_view password) {
  (void)VerifyPassword(password, DummyHash());
}

std::string NewSessionToken() {
  EnsureSodium();
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return ToHex(bytes.data(), bytes.size());
}

std::string HashSessionToken(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest;
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return ToHex(digest.data(), digest.size());
}

std::string GeneratePassword() {
  EnsureSodium();
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 16; ++i) {
    password += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return password;
}

Status ValidateNewPassword(std::string_view password) {
  if (password.size() < 10) {
    return Status::InvalidArgument("password must have at least 10 characters")
        .With("password_too_short", {{"min", int64_t{10}}});
  }
  if (password.size() > 256) {
    return Status::InvalidArgument("password must have at most 256 characters")
        .With("password_too_long", {{"max", int64_t{256}}});
  }
  return Status::Ok();
}

}  // namespace leadscore
