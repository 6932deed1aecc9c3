// The router's helpers on their own: the session cookie it sets and reads, the CORS origins it
// accepts, the bearer token of a request and what counts as a cross-site request.
#include "http/router.h"

#include <string>

#include <gtest/gtest.h>

namespace leadscore::http {
namespace {

Request WithHeaders(Fields headers) {
  Request req;
  req.headers = std::move(headers);
  return req;
}

TEST(SessionCookieTest, HttpOnlyStrictForTheWholeSiteWithItsLifeInSeconds) {
  EXPECT_EQ(SessionCookie("tok123", 12 * kMsPerHour, false),
            "ls_session=tok123; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200");
  EXPECT_EQ(SessionCookie("tok123", 1500, true),
            "ls_session=tok123; Path=/; HttpOnly; SameSite=Strict; Max-Age=1; Secure");
  EXPECT_EQ(ClearedSessionCookie(false), "ls_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  EXPECT_EQ(ClearedSessionCookie(true),
            "ls_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
}

TEST(CookieValueTest, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue("ls_session=abc", kSessionCookie), "abc");
  EXPECT_EQ(CookieValue("theme=dark; ls_session=abc; lang=id", kSessionCookie), "abc");
  EXPECT_EQ(CookieValue("theme=dark;ls_session=abc", kSessionCookie), "abc");
  // A name that merely ends or starts with it is another cookie.
  EXPECT_EQ(CookieValue("xls_session=evil; ls_session=abc", kSessionCookie), "abc");
  EXPECT_EQ(CookieValue("ls_session_old=evil", kSessionCookie), "");
  // The value runs to the next ';', '=' included; the first cookie of the name wins.
  EXPECT_EQ(CookieValue("ls_session=a=b; ls_session=c", kSessionCookie), "a=b");
  EXPECT_EQ(CookieValue("", kSessionCookie), "");
  EXPECT_EQ(CookieValue("ls_session", kSessionCookie), "");
  EXPECT_EQ(CookieValue("ls_session=", kSessionCookie), "");
}

TEST(CorsOriginTest, AnOriginIsSchemeHostAndPortOnly) {
  EXPECT_EQ(*ParseCorsOrigin("https://Segmen.Bank.example/"), "https://segmen.bank.example");
  EXPECT_EQ(*ParseCorsOrigin("http://10.0.0.5:8443"), "http://10.0.0.5:8443");
  for (const char* bad : {"*", "null", "", "segmen.bank.example", "https://", "ftp://a.example",
                          "https://a.example/page", "https://a.example?x=1", "https://u@a.example"}) {
    EXPECT_FALSE(ParseCorsOrigin(bad).ok()) << bad;
  }
}

TEST(BearerTokenTest, OnlyTheBearerSchemeCarriesAToken) {
  Request req;
  EXPECT_FALSE(BearerToken(req).has_value());
  req.headers = {{"Authorization", "Bearer lsk_abc "}};
  EXPECT_EQ(BearerToken(req).value_or("?"), "lsk_abc");
  req.headers = {{"authorization", "bearer lsk_abc"}};
  EXPECT_EQ(BearerToken(req).value_or("?"), "lsk_abc");
  req.headers = {{"Authorization", "Basic YWRtaW46eA=="}};
  EXPECT_FALSE(BearerToken(req).has_value());
  req.headers = {{"Authorization", "Bearerlsk_abc"}};
  EXPECT_FALSE(BearerToken(req).has_value());
}

TEST(CrossSiteTest, ABrowsersOtherSiteIsCrossSiteAndNoBrowserIsNot) {
  // No Origin and no Sec-Fetch-Site: not a browser's cross-origin request (curl, a server).
  EXPECT_FALSE(IsCrossSite(WithHeaders({{"Host", "portal.bank.example"}})));
  EXPECT_FALSE(IsCrossSite(WithHeaders({{"Host", "portal.bank.example"},
                                        {"Origin", "https://portal.bank.example"}})));
  EXPECT_FALSE(IsCrossSite(WithHeaders({{"Host", "PORTAL.bank.example:8080"},
                                        {"Origin", "http://portal.bank.example:8080"}})));
  EXPECT_FALSE(IsCrossSite(WithHeaders({{"Sec-Fetch-Site", "same-origin"}})));
  EXPECT_TRUE(IsCrossSite(WithHeaders({{"Sec-Fetch-Site", "cross-site"}})));
  EXPECT_TRUE(IsCrossSite(WithHeaders({{"sec-fetch-site", "Cross-Site"},
                                       {"Host", "portal.bank.example"},
                                       {"Origin", "https://portal.bank.example"}})));
  EXPECT_TRUE(IsCrossSite(WithHeaders({{"Host", "portal.bank.example"},
                                       {"Origin", "https://evil.example"}})));
  // Another port is another origin.
  EXPECT_TRUE(IsCrossSite(WithHeaders({{"Host", "portal.bank.example:8080"},
                                       {"Origin", "http://portal.bank.example:9090"}})));
  // An Origin that is no http(s) origin ("null" from a sandboxed page) is not trusted.
  EXPECT_TRUE(IsCrossSite(WithHeaders({{"Host", "portal.bank.example"}, {"Origin", "null"}})));
}

}  // namespace
}  // namespace leadscore::http
