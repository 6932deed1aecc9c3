// `leadscore serve`: runs the portal — the JSON API under /api/ and the built web app at / —
// until SIGINT or SIGTERM. With --demo, creates the demo accounts that do not exist yet and prints
// their passwords (an existing account's password is left alone). --clock-offset moves the
// portal's clock forward (a demo and test switch: e.g. to see rejected leads return to pending
// 24 hours later without waiting). --cors-origin lets the pages of the named origins call the
// routes that take an API token (/predict, /api/segments/{id}/predict, POST /api/score) from a
// browser. Every server helps the score refresh running on its database, whichever server started
// it (--refresh-poll: how often it looks; 0: never).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "http/service_set.h"
#include "service/refresh_helper.h"
#include "store/store.h"

namespace leadscore::cli {
namespace {

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  bool demo = false;
  std::string web_dir = "web/dist";
  int threads = 8;
  double clock_offset_hours = 0;
  double reject_period_hours = 24;
  bool secure_cookie = false;
  bool no_access_log = false;
  bool public_metrics = false;
  int db_pool = 0;  // 0: threads + 2
  int max_client_connections = http::ServerOptions{}.max_connections_per_client;
  int refresh_poll_ms = 1000;  // 0: do not help refreshes
  int64_t chunk_rows = ScoringOptions{}.chunk_rows;
  std::vector<std::string> cors_origins;  // as given: repeated and/or comma-separated
};

// The --cors-origin values, split at commas and checked.
Result<std::vector<std::string>> CorsOrigins(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const std::string& value : given) {
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t end = value.find(',', pos);
      if (end == std::string::npos) end = value.size();
      std::string part = value.substr(pos, end - pos);
      part.erase(0, part.find_first_not_of(" \t"));
      part.erase(part.find_last_not_of(" \t") + 1);
      if (!part.empty()) {
        LS_ASSIGN_OR_RETURN(std::string origin, http::ParseCorsOrigin(part));
        if (std::find(out.begin(), out.end(), origin) == out.end()) out.push_back(origin);
      }
      pos = end + 1;
    }
  }
  return out;
}

// Demo accounts: the admin plus two sales, so the lead workflow can be tried at once.
Status PrintDemoAccounts(UsersService& users) {
  struct Account {
    const char* username;
    const char* display_name;
    Role role;
  };
  const Account accounts[] = {{"admin", "Administrator", Role::kAdmin},
                              {"ani", "Ani Wijaya", Role::kSales},
                              {"budi", "Budi Santoso", Role::kSales}};
  fmt::print("demo accounts:\n");
  for (const Account& a : accounts) {
    LS_ASSIGN_OR_RETURN(std::optional<CreatedUser> user,
                        users.CreateIfMissing(NewUser{a.username, a.display_name, a.role, {}}));
    if (user) {
      fmt::print("  {:<6} {:<5}  password: {}\n", a.username, RoleName(a.role),
                 user->generated_password.value_or("?"));
    } else {
      fmt::print("  {:<6} {:<5}  password unchanged (shown when it was created; a new one: "
                 "leadscore user passwd {} --generate)\n",
                 a.username, RoleName(a.role), a.username);
    }
  }
  return Status::Ok();
}

int RunServe(const ServeArgs& args, const GlobalOptions& global) {
  if (global.verbose) spdlog::set_level(spdlog::level::debug);
  // Block the stop signals in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto cors_origins = CorsOrigins(args.cors_origins);
  if (!cors_origins.ok()) {
    fmt::print(stderr, "serve: --cors-origin: {}\n", cors_origins.status().message());
    return 2;
  }

  StoreOptions store_options;
  store_options.pool_size = args.db_pool > 0 ? args.db_pool : args.threads + 2;
  auto store = OpenStore(global.db_url, store_options);
  if (!store.ok()) {
    fmt::print(stderr, "serve: cannot open the database {}: {}\n", global.db_url,
               store.status().message());
    return 1;
  }
  SystemClock clock;
  clock.Advance(static_cast<TimeMs>(args.clock_offset_hours * kMsPerHour));

  http::ServiceOptions options;
  options.reject_period = static_cast<TimeMs>(args.reject_period_hours * kMsPerHour);
  options.facts.demo = args.demo;
  options.facts.clock_offset_hours = args.clock_offset_hours;
  options.facts.secure_cookie = args.secure_cookie;
  options.facts.public_metrics = args.public_metrics;
  options.scoring.chunk_rows = args.chunk_rows;
  http::ServiceSet services(**store, clock, options);

  if (args.demo) {
    Status s = PrintDemoAccounts(services.users());
    if (!s.ok()) {
      fmt::print(stderr, "serve: cannot create the demo accounts: {}\n", s.message());
      return 1;
    }
  } else {
    auto admins = services.users().List(UserFilter{Role::kAdmin, true});
    if (admins.ok() && admins->empty()) {
      fmt::print(stderr,
                 "serve: there is no admin account yet; create one with\n"
                 "  leadscore user add --role admin USERNAME\n");
    }
  }
  if (args.clock_offset_hours != 0) {
    spdlog::warn("the portal's clock runs {} hours ahead (--clock-offset: demo and tests only)",
                 args.clock_offset_hours);
  }

  http::ServerOptions server_options;
  server_options.host = args.host;
  server_options.port = args.port;
  server_options.threads = args.threads;
  server_options.web_dir = args.web_dir;
  server_options.max_connections_per_client = args.max_client_connections;
  server_options.cors_origins = *cors_origins;
  if (!args.no_access_log) {
    server_options.access_log = spdlog::get("access");
    if (!server_options.access_log) {
      server_options.access_log = spdlog::stdout_logger_mt("access");
      server_options.access_log->set_pattern("%v");
    }
  }
  http::ApiServer server(services.api(), server_options);
  auto port = server.Bind();
  if (!port.ok()) {
    fmt::print(stderr, "serve: {}\n", port.status().message());
    return 1;
  }
  fmt::print("leadscore serving on http://{}:{} (database: {}, {} threads)\n", args.host, *port,
             (*store)->engine(), args.threads);
  std::fflush(stdout);

  std::unique_ptr<RefreshHelper> helper;
  if (args.refresh_poll_ms > 0) {
    helper = std::make_unique<RefreshHelper>(services.scoring(),
                                             std::chrono::milliseconds(args.refresh_poll_ms));
  }
  std::thread stopper([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    spdlog::info("signal {}: stopping", signal);
    server.Stop();
  });
  Status run = server.Run();
  if (stopper.joinable()) {
    // The server may have stopped by itself: wake the waiting thread.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  helper.reset();
  services.scoring().WaitForRefresh();
  if (!run.ok()) {
    fmt::print(stderr, "serve: {}\n", run.message());
    return 1;
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "run the portal: the API under /api/ and the web app");
  cmd->add_option("--port", args->port, "TCP port (0: any free port)")->capture_default_str();
  cmd->add_option("--host", args->host, "address to listen on")->capture_default_str();
  cmd->add_flag("--demo", args->demo, "demo mode: create the missing demo accounts and print their passwords");
  cmd->add_option("--web-dir", args->web_dir, "the built web app")->capture_default_str();
  cmd->add_option("--threads", args->threads, "request threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--clock-offset", args->clock_offset_hours,
                  "move the portal's clock forward by HOURS (demo and tests only)");
  cmd->add_option("--reject-period", args->reject_period_hours,
                  "hours after which a rejected lead returns to pending")
      ->check(CLI::Range(0.001, 24.0 * 365))
      ->capture_default_str();
  cmd->add_flag("--secure-cookie", args->secure_cookie,
                "mark the session cookie Secure (when served behind TLS)");
  cmd->add_flag("--no-access-log", args->no_access_log, "do not log one line per request");
  cmd->add_flag("--public-metrics", args->public_metrics,
                "serve GET /metrics without a session (default: admins only)");
  cmd->add_option("--db-pool", args->db_pool, "database connections (default: threads + 2)");
  cmd->add_option("--max-client-connections", args->max_client_connections,
                  "connections one client address may hold (behind a proxy: all clients)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--refresh-poll", args->refresh_poll_ms,
                  "how often (ms) to look for a score refresh to help with, whichever server "
                  "started it; 0: never")
      ->check(CLI::Range(0, 3600 * 1000))
      ->capture_default_str();
  cmd->add_option("--chunk-rows", args->chunk_rows,
                  "leads per chunk of a score refresh this server starts (the share one server "
                  "or worker takes at a time)")
      ->check(CLI::Range(int64_t{100}, int64_t{10'000'000}))
      ->capture_default_str();
  cmd->add_option("--cors-origin", args->cors_origins,
                  "an origin (https://host[:port]) whose pages may call /predict, "
                  "/api/segments/{id}/predict and POST /api/score with an API token; "
                  "repeatable or comma-separated (default: none, no CORS)");
  cmd->callback([args, &global, exit_code] { *exit_code = RunServe(*args, global); });
}

}  // namespace leadscore::cli
