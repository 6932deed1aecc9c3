// Holds the source to the reason catalogue (src/core/reasons.json): every `.With("id", {...})`
// in src/ names a listed id with exactly the parameters the catalogue declares for it, every
// model activation note is a listed note, and every listed code is used somewhere. The web app's
// tests walk the same file against its dictionaries (web/src/lib/api-errors.test.ts).
#include "core/reasons.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace leadscore {
namespace {

namespace fs = std::filesystem;

struct Use {
  std::string file;
  std::string id;
  std::vector<std::string> params;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between the parenthesis at `open` and its match, skipping string literals.
std::string Balanced(const std::string& s, size_t open) {
  int depth = 0;
  bool in_string = false;
  for (size_t j = open; j < s.size(); ++j) {
    const char c = s[j];
    if (in_string) {
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return s.substr(open + 1, j - open - 1);
    }
  }
  return "";
}

std::vector<fs::path> SourceFiles() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(LEADSCORE_SOURCE_DIR) / "src")) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".cc" || ext == ".h")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every `.With("id", {{"name", ...}, ...})` of src/: the id and the parameter names it gives.
std::vector<Use> ReasonUses() {
  std::vector<Use> uses;
  const std::regex param(R"re(\{\s*"([a-z_]+)"\s*,)re");
  for (const fs::path& path : SourceFiles()) {
    const std::string text = ReadFile(path);
    for (size_t at = text.find(".With("); at != std::string::npos;
         at = text.find(".With(", at + 1)) {
      const std::string args = Balanced(text, at + 5);
      const size_t quote = args.find_first_not_of(" \t\r\n");
      if (quote == std::string::npos || args[quote] != '"') continue;  // a reason passed on
      Use use;
      use.file = path.filename().string();
      use.id = args.substr(quote + 1, args.find('"', quote + 1) - quote - 1);
      for (std::sregex_iterator m(args.begin(), args.end(), param), end; m != end; ++m) {
        use.params.push_back((*m)[1]);
      }
      uses.push_back(std::move(use));
    }
  }
  return uses;
}

TEST(ReasonsTest, TheCatalogueListsCodesWithTheirParameters) {
  const std::vector<std::string> ids = ReasonIds();
  ASSERT_GT(ids.size(), 100u);
  const std::regex snake("[a-z][a-z0-9_]*");
  for (const std::string& id : ids) {
    EXPECT_TRUE(std::regex_match(id, snake)) << id;
    const std::vector<std::string>* params = ReasonParams(id);
    ASSERT_NE(params, nullptr);
    std::set<std::string> distinct(params->begin(), params->end());
    EXPECT_EQ(distinct.size(), params->size()) << id << " repeats a parameter";
  }
  ASSERT_NE(ReasonParams("username_taken"), nullptr);
  EXPECT_EQ(*ReasonParams("username_taken"), std::vector<std::string>{"username"});
  EXPECT_EQ(ReasonParams("no_such_reason"), nullptr);
  // The generic names of errors without a reason of their own.
  for (const char* generic :
       {"invalid_argument", "unauthenticated", "permission_denied", "not_found", "conflict",
        "failed_precondition", "payload_too_large", "unsupported_media_type", "too_many_requests",
        "internal", "unavailable"}) {
    EXPECT_NE(ReasonParams(generic), nullptr) << generic;
  }
  ASSERT_NE(NoteParams("model_activated_better"), nullptr);
  EXPECT_EQ(*NoteParams("model_activated_better"),
            (std::vector<std::string>{"auc", "active_auc", "version"}));
}

TEST(ReasonsTest, EveryReasonOfTheSourceIsListedWithItsParameters) {
  const std::vector<Use> uses = ReasonUses();
  ASSERT_GT(uses.size(), 150u) << "the scan of src/ found too few .With(...) calls";
  for (const Use& use : uses) {
    const std::vector<std::string>* declared = ReasonParams(use.id);
    if (!declared) {
      ADD_FAILURE() << use.file << ": reason '" << use.id << "' is not in src/core/reasons.json";
      continue;
    }
    std::vector<std::string> given = use.params, wanted = *declared;
    std::sort(given.begin(), given.end());
    std::sort(wanted.begin(), wanted.end());
    EXPECT_EQ(given, wanted) << use.file << ": reason '" << use.id
                             << "' is given other parameters than the catalogue declares";
  }
}

TEST(ReasonsTest, EveryListedCodeIsUsed) {
  std::string source;
  for (const fs::path& path : SourceFiles()) source += ReadFile(path);
  for (const std::string& id : ReasonIds()) {
    EXPECT_NE(source.find('"' + id + '"'), std::string::npos)
        << "reason '" << id << "' is listed but no source file names it";
  }
  for (const std::string& id : NoteIds()) {
    EXPECT_NE(source.find("activation_code = \"" + id + '"'), std::string::npos)
        << "note '" << id << "' is listed but no source file sets it";
  }
  // And every note the source sets is listed.
  const std::regex note(R"re(activation_code = "([a-z_]+)")re");
  for (std::sregex_iterator m(source.begin(), source.end(), note), end; m != end; ++m) {
    EXPECT_NE(NoteParams((*m)[1].str()), nullptr) << (*m)[1];
  }
}

}  // namespace
}  // namespace leadscore
