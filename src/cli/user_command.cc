// `leadscore user add|list|passwd`: account management from the command line, for the first
// admin of an installation (the roles: README.md, "Using it") and for an IT team without the
// web app. A password is read from stdin (one line) when stdin is not a terminal, asked for
// without echo when it is, or generated and printed with --generate.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/clock.h"
#include "service/users_service.h"
#include "store/store.h"

namespace leadscore::cli {
namespace {

struct UserArgs {
  std::string username;
  std::string role = "sales";
  std::string display_name;
  bool generate = false;
};

std::optional<std::string> ReadPassword(const std::string& prompt) {
  std::string password;
  if (!isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, password)) return std::nullopt;
    return password;
  }
  fmt::print(stderr, "{}", prompt);
  termios old_mode{};
  tcgetattr(STDIN_FILENO, &old_mode);
  termios quiet = old_mode;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  bool ok = static_cast<bool>(std::getline(std::cin, password));
  tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  fmt::print(stderr, "\n");
  if (!ok) return std::nullopt;
  return password;
}

Result<std::unique_ptr<Store>> Open(const GlobalOptions& global) {
  auto store = OpenStore(global.db_url);
  if (!store.ok()) return store.status().WithContext("cannot open the database " + global.db_url);
  return store;
}

// The password to set: generated, or read (twice on a terminal).
Result<std::optional<std::string>> ChoosePassword(bool generate) {
  if (generate) return std::optional<std::string>();
  auto first = ReadPassword("password: ");
  if (!first) return Status::InvalidArgument("no password given (or use --generate)");
  if (isatty(STDIN_FILENO)) {
    auto second = ReadPassword("again: ");
    if (!second || *second != *first) return Status::InvalidArgument("the passwords differ");
  }
  return std::optional<std::string>(*first);
}

int Fail(const Status& s) {
  fmt::print(stderr, "user: {}\n", s.message());
  return 1;
}

int RunAdd(const UserArgs& args, const GlobalOptions& global) {
  auto role = ParseRole(args.role);
  if (!role) return Fail(Status::InvalidArgument("--role must be admin or sales"));
  auto store = Open(global);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  UsersService users(**store, clock);
  auto password = ChoosePassword(args.generate);
  if (!password.ok()) return Fail(password.status());
  NewUser request{args.username, args.display_name.empty() ? args.username : args.display_name,
                  *role, *password};
  auto created = users.Create(request);
  if (!created.ok()) return Fail(created.status());
  fmt::print("created {} '{}' (id {})\n", RoleName(*role), created->user.username,
             created->user.id);
  if (created->generated_password) fmt::print("password: {}\n", *created->generated_password);
  return 0;
}

int RunPasswd(const UserArgs& args, const GlobalOptions& global) {
  auto store = Open(global);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  auto user = (*store)->GetUserByUsername(args.username);
  if (!user.ok()) return Fail(Status::NotFound("no user '" + args.username + "'"));
  auto password = ChoosePassword(args.generate);
  if (!password.ok()) return Fail(password.status());
  UsersService users(**store, clock);
  auto reset = users.CreateOrReset(
      NewUser{user->username, user->display_name, user->role, *password});
  if (!reset.ok()) return Fail(reset.status());
  fmt::print("password of '{}' set; their sessions ended\n", user->username);
  if (reset->generated_password) fmt::print("password: {}\n", *reset->generated_password);
  return 0;
}

int RunList(const GlobalOptions& global) {
  auto store = Open(global);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  UsersService users(**store, clock);
  auto list = users.List({});
  if (!list.ok()) return Fail(list.status());
  for (const User& u : *list) {
    fmt::print("{:>5}  {:<20} {:<6} {:<8} {}\n", u.id, u.username, RoleName(u.role),
               u.active ? "active" : "inactive", u.display_name);
  }
  return 0;
}

}  // namespace

void AddUserCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("user", "manage accounts (the first admin, password resets)");
  cmd->require_subcommand(1);

  auto add = std::make_shared<UserArgs>();
  CLI::App* add_cmd = cmd->add_subcommand("add", "create an account");
  add_cmd->add_option("username", add->username, "3-32 of a-z 0-9 . _ -")->required();
  add_cmd->add_option("--role", add->role, "admin or sales")->capture_default_str();
  add_cmd->add_option("--display-name", add->display_name, "the name shown (default: username)");
  add_cmd->add_flag("--generate", add->generate, "generate a password and print it");
  add_cmd->callback([add, &global, exit_code] { *exit_code = RunAdd(*add, global); });

  auto passwd = std::make_shared<UserArgs>();
  CLI::App* passwd_cmd = cmd->add_subcommand("passwd", "set an account's password");
  passwd_cmd->add_option("username", passwd->username)->required();
  passwd_cmd->add_flag("--generate", passwd->generate, "generate a password and print it");
  passwd_cmd->callback([passwd, &global, exit_code] { *exit_code = RunPasswd(*passwd, global); });

  CLI::App* list_cmd = cmd->add_subcommand("list", "list the accounts");
  list_cmd->callback([&global, exit_code] { *exit_code = RunList(global); });
}

}  // namespace leadscore::cli
