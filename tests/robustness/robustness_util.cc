#include "robustness_util.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/sqlite.h"
#include "testutil/testutil.h"

namespace whipcount::robustness {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Command(const std::vector<std::string>& args) {
  std::vector<std::string> all = {WHIPCOUNT_BINARY, "--data", testutil::DataDir()};
  all.insert(all.end(), args.begin(), args.end());
  return all;
}

// In the child: redirects fd `to` to `path`, adds `env`, and executes `command`.
[[noreturn]] void Exec(std::vector<std::string> command, const std::string& out_path,
                       const std::string& err_path, const std::vector<std::string>& env) {
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0 || err < 0) _exit(126);
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
  int in = open("/dev/null", O_RDONLY);
  if (in >= 0) dup2(in, STDIN_FILENO);
  for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
  std::vector<char*> argv;
  for (std::string& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

CliRun RunWhipcount(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  static int counter = 0;
  const std::string base = (fs::temp_directory_path() /
                            ("whipcount-robust-" + std::to_string(getpid()) + "-" +
                             std::to_string(counter++)))
                               .string();
  const std::string out_path = base + ".out", err_path = base + ".err";
  CliRun run;
  pid_t pid = fork();
  if (pid == 0) Exec(Command(args), out_path, err_path, env);
  if (pid < 0) return run;
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  run.out = ReadFile(out_path);
  run.err = ReadFile(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return run;
}

pid_t Spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) Exec(Command(args), "/dev/null", "/dev/null", {});
  return pid;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string IntegrityCheck(const std::string& db) {
  auto conn = store::Connection::Open(db, false, true);
  if (!conn.ok()) return conn.status().ToString();
  store::Statement st = (*conn)->Prepare("PRAGMA integrity_check");
  return st.Step() ? st.Text(0) : st.status().ToString();
}

int64_t QueryInt(const std::string& db, const std::string& sql) {
  auto conn = store::Connection::Open(db, false, true);
  if (!conn.ok()) return -1;
  store::Statement st = (*conn)->Prepare(sql);
  return st.Step() ? st.Int(0) : -1;
}

std::vector<std::string> Export(const std::string& db, const std::string& what) {
  CliRun run = RunWhipcount({"export", "--db", db, "--what", what, "--format", "jsonl"});
  std::vector<std::string> lines;
  if (run.exit_code != 0) {
    lines.push_back("export failed: " + run.err);
    return lines;
  }
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

const std::vector<GoodArticle>& GoodArticles() {
  static const std::vector<GoodArticle> articles = {
      {"good-cwa",
       "The Communications Workers of America endorsed Bernie Sanders on Thursday. The union "
       "said its members would knock on doors for him.",
       "Communications Workers of America", "Bernie Sanders"},
      {"good-nalc",
       "The National Association of Letter Carriers endorsed Hillary Clinton on Tuesday, "
       "saying she would protect the Postal Service.",
       "National Association of Letter Carriers", "Hillary Clinton"},
      {"good-nnu",
       "National Nurses United endorsed Bernie Sanders on Monday. The nurses union said it "
       "would campaign for him in Iowa.",
       "National Nurses United", "Bernie Sanders"},
      {"good-aft",
       "The American Federation of Teachers endorsed Hillary Clinton on Saturday after a vote "
       "of its executive council. The union said its members would campaign for her across the "
       "country in the coming months.",
       "American Federation of Teachers", "Hillary Clinton"},
      {"good-usw",
       "The United Steelworkers endorsed Joe Biden on Wednesday. The union said it would send "
       "members to Pennsylvania and Ohio.",
       "United Steelworkers", "Joe Biden"},
      {"good-sierra",
       "The Sierra Club endorsed Elizabeth Warren on Friday, citing her climate plan.",
       "Sierra Club", "Elizabeth Warren"},
      {"good-nea",
       "The National Education Association endorsed Joe Biden on Tuesday. Teachers said they "
       "would knock on doors for him.",
       "National Education Association", "Joe Biden"},
      {"good-uaw",
       "The United Auto Workers endorsed Elizabeth Warren on Monday after a vote of its board.",
       "United Auto Workers", "Elizabeth Warren"},
  };
  return articles;
}

std::string JsonLine(const GoodArticle& a) {
  nlohmann::json j = {{"id", a.id}, {"published", "2016-02-10"}, {"text", a.text}};
  return j.dump();
}

}  // namespace whipcount::robustness
