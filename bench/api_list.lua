-- wrk script for bench/api.sh: the ranked call list of a signed-in sales user, a page of 50,
-- on one of the first ten pages (the pages a sales person actually reads).
local cookie = os.getenv("LEADSCORE_COOKIE")
math.randomseed(os.time())
request = function()
  local page = math.random(1, 10)
  return wrk.format("GET", "/api/leads?size=50&page=" .. page, {["Cookie"] = cookie})
end
