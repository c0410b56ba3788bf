// End-to-end tests of `whipcount serve`: the built binary (WHIPCOUNT_BINARY) runs on loopback
// with --port 0 over a database that `whipcount ingest` built from samples/articles.jsonl, and
// an HTTP client talks to it over a real socket. Checks: each endpoint answers the JSON the
// CLI's --json prints for the same query; every bad request gets a 4xx with a JSON error and
// the server stays up; POST /api/articles stores an article as ingest does; the dashboard files
// are served as they are in web/; and (issue 8) queries stay whole and quick while an ingest
// writes the same database.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "testutil/testutil.h"

extern char** environ;

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Flags before the subcommand, the same for ingest, queries and serve (so the extractor
// fingerprint matches). The serve tests test serving, not extraction: surface rules only keeps
// each start-up quick.
std::vector<std::string> GlobalArgs() {
  return {WHIPCOUNT_BINARY, "--data", testutil::DataDir(), "--no-syntax"};
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct CliRun {
  int exit_code = -1;
  std::string out;
};

// Runs the binary with `args` after the global flags; stderr goes to the test's log.
CliRun RunCli(const std::vector<std::string>& args) {
  std::string cmd;
  for (const std::string& a : GlobalArgs()) cmd += Quote(a) + " ";
  for (const std::string& a : args) cmd += Quote(a) + " ";
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, got);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Builds a database from the bundled samples; returns its path.
std::string SamplesDb() {
  const std::string db = testutil::TempDir() + "/samples.db";
  CliRun run = RunCli({"ingest", testutil::SourceDir() + "/samples/articles.jsonl", "--db", db});
  EXPECT_EQ(run.exit_code, 0) << "ingest of the samples failed";
  return db;
}

// `whipcount serve --port 0` as a child process; stopped with SIGTERM on destruction.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& db) {
    int out[2];
    if (pipe(out) != 0) return;
    std::vector<std::string> args = GlobalArgs();
    for (const char* a : {"serve", "--port", "0", "--db"}) args.push_back(a);
    args.push_back(db);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    // The first stdout line: "listening on http://127.0.0.1:PORT".
    std::string line;
    pollfd pfd{out[0], POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (pid_ > 0 && line.find('\n') == std::string::npos &&
           std::chrono::steady_clock::now() < deadline && poll(&pfd, 1, 200) >= 0) {
      if (!(pfd.revents & (POLLIN | POLLHUP))) continue;
      char c;
      if (read(out[0], &c, 1) != 1) break;
      line += c;
    }
    close(out[0]);
    first_line_ = line;
    const size_t colon = line.rfind(':');
    if (line.rfind("listening on http://", 0) == 0 && colon != std::string::npos) {
      port_ = std::atoi(line.c_str() + colon + 1);
    }
  }
  ~ServeProcess() { Stop(); }

  // SIGTERM, then the exit status (0 for a clean stop).
  int Stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }
  bool Alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }
  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
  std::string first_line_;
};

struct Reply {
  int status = 0;  // 0: no answer
  std::string body;
  std::string content_type;
  Json json;  // discarded when the body is not JSON
};

Reply ToReply(const httplib::Result& res) {
  Reply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.json = Json::parse(r.body, nullptr, false);
  return r;
}

Reply Get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  return ToReply(client.Get(path.c_str()));
}

Reply Post(int port, const std::string& path, const std::string& body) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(120, 0);
  return ToReply(client.Post(path.c_str(), body, "application/json"));
}

// Sends `request` as raw bytes (the client library might tidy a path); returns the status.
int RawStatus(int port, const std::string& request, std::string* body = nullptr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return 0;
  }
  (void)!write(fd, request.data(), request.size());
  std::string reply;
  char buf[4096];
  ssize_t got;
  while ((got = read(fd, buf, sizeof buf)) > 0) reply.append(buf, static_cast<size_t>(got));
  close(fd);
  if (body) {
    const size_t end = reply.find("\r\n\r\n");
    *body = end == std::string::npos ? "" : reply.substr(end + 4);
  }
  return reply.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(reply.c_str() + 9) : 0;
}

// One server over the samples' database for the read-only tests.
class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(SamplesDb());
    server_ = new ServeProcess(*db_);
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(server_->Stop(), 0) << "serve did not stop cleanly on SIGTERM";
    delete server_;
    delete db_;
  }
  void SetUp() override {
    ASSERT_GT(server_->port(), 0) << "no port in serve's first line: " << server_->first_line();
  }
  static int port() { return server_->port(); }

  static std::string* db_;
  static ServeProcess* server_;
};
std::string* ServeTest::db_ = nullptr;
ServeProcess* ServeTest::server_ = nullptr;

TEST_F(ServeTest, FirstLineNamesTheAddress) {
  EXPECT_EQ(server_->first_line(),
            "listening on http://127.0.0.1:" + std::to_string(port()) + "\n");
}

TEST_F(ServeTest, HealthCountsTheDatabase) {
  Reply r = Get(port(), "/api/health");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["status"], "ok");
  EXPECT_EQ(r.json["articles"], 9);
  EXPECT_GT(r.json["stances"].get<int>(), 0);
  EXPECT_NE(r.content_type.find("application/json"), std::string::npos);
}

// Each endpoint and the CLI command asking the same question.
struct SameQuery {
  std::string url;
  std::vector<std::string> cli;
};

TEST_F(ServeTest, EndpointsAnswerWhatTheCliPrints) {
  const std::vector<SameQuery> cases = {
      {"/api/who?target=Bernie%20Sanders&as_of=2016-06-20",
       {"who", "Bernie Sanders", "--as-of", "2016-06-20"}},
      {"/api/who?target=Hillary%20Clinton&stance=neutral",
       {"who", "Hillary Clinton", "--stance", "neutral"}},
      {"/api/who?target=hillary%20clinton", {"who", "hillary clinton"}},
      {"/api/timeline?actor=AFL-CIO", {"timeline", "AFL-CIO"}},
      {"/api/timeline?actor=Bernie%20Sanders", {"timeline", "Bernie Sanders"}},
      {"/api/switches", {"switches"}},
      {"/api/switches?since=2016-06-01", {"switches", "--since", "2016-06-01"}},
      {"/api/conflicts", {"conflicts"}},
      {"/api/tally", {"tally"}},
      {"/api/tally?as_of=2016-06-20&weight=members",
       {"tally", "--as-of", "2016-06-20", "--weight", "members"}},
      {"/api/affiliates?federation=AFL-CIO&as_of=2016-06-20",
       {"affiliates", "AFL-CIO", "--as-of", "2016-06-20"}},
      {"/api/affiliates?federation=AFL-CIO", {"affiliates", "AFL-CIO"}},
      {"/api/actors?q=AFL-CIO", {"actors", "AFL-CIO"}},
      {"/api/actors?q=Sanders", {"actors", "Sanders"}},
  };
  for (const SameQuery& c : cases) {
    SCOPED_TRACE(c.url);
    std::vector<std::string> args = c.cli;
    args.insert(args.end(), {"--json", "--db", *db_});
    CliRun cli = RunCli(args);
    ASSERT_EQ(cli.exit_code, 0);
    Json expected = Json::parse(cli.out, nullptr, false);
    ASSERT_FALSE(expected.is_discarded()) << cli.out;
    Reply r = Get(port(), c.url);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_FALSE(r.json.is_discarded()) << r.body;
    EXPECT_EQ(r.json, expected);
    // Asked again: the same answer (from the cache this time).
    EXPECT_EQ(Get(port(), c.url).json, expected);
  }
}

TEST_F(ServeTest, StanceByIdGivesTheEvidenceAndArticle) {
  Reply timeline = Get(port(), "/api/timeline?actor=AFL-CIO");
  ASSERT_EQ(timeline.status, 200);
  ASSERT_FALSE(timeline.json["positions"].empty());
  int checked = 0;
  for (const Json& p : timeline.json["positions"]) {
    for (const Json& s : p["sources"]) {
      const int64_t id = s["stance_id"];
      Reply r = Get(port(), "/api/stances/" + std::to_string(id));
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.json["id"], id);
      EXPECT_EQ(r.json["evidence"], s["evidence"]);
      EXPECT_EQ(r.json["article"], s["article"]);
      EXPECT_EQ(r.json["source"], s["source"]);
      EXPECT_TRUE(r.json["url"].is_string()) << r.body;
      EXPECT_TRUE(r.json["title"].is_string()) << r.body;
      EXPECT_LT(r.json["evidence_start"].get<int64_t>(), r.json["evidence_end"].get<int64_t>());
      ++checked;
    }
  }
  EXPECT_GT(checked, 1);
}

// A request that must be refused, and the status it gets.
struct BadRequest {
  std::string what;
  int status;
  std::string path;
  std::string method = "GET";
  std::string body;
  std::string error_mentions;  // a word the error message must contain
};

TEST_F(ServeTest, BadRequestsGetA4xxWithAJsonErrorAndTheServerStaysUp) {
  const std::vector<BadRequest> cases = {
      {"unknown target", 404, "/api/who?target=Nobody%20Atall", "GET", "", "Nobody Atall"},
      {"unknown actor", 404, "/api/timeline?actor=Zzyzx%20Union", "GET", "", "Zzyzx Union"},
      {"unknown federation", 404, "/api/affiliates?federation=Qqq%20Federation", "GET", "",
       "Qqq Federation"},
      {"bad as_of", 400, "/api/who?target=AFL-CIO&as_of=2016-13-45", "GET", "", "as_of"},
      {"as_of not a date", 400, "/api/who?target=AFL-CIO&as_of=yesterday", "GET", "", "yesterday"},
      {"bad since", 400, "/api/switches?since=June", "GET", "", "since"},
      {"bad tally date", 400, "/api/tally?as_of=2016-02-30", "GET", "", "as_of"},
      {"bad affiliates date", 400, "/api/affiliates?federation=AFL-CIO&as_of=x", "GET", "",
       "as_of"},
      {"bad stance", 400, "/api/who?target=AFL-CIO&stance=adore", "GET", "", "adore"},
      {"bad weight", 400, "/api/tally?weight=dollars", "GET", "", "weight"},
      {"bad limit", 400, "/api/tally?limit=many", "GET", "", "limit"},
      {"missing target", 400, "/api/who", "GET", "", "target"},
      {"missing actor", 400, "/api/timeline", "GET", "", "actor"},
      {"missing federation", 400, "/api/affiliates", "GET", "", "federation"},
      {"missing q", 400, "/api/actors", "GET", "", "q"},
      {"stance id not a number", 400, "/api/stances/abc", "GET", "", "abc"},
      {"stance id negative", 400, "/api/stances/-3", "GET", "", "-3"},
      {"unknown stance id", 404, "/api/stances/987654", "GET", "", "987654"},
      {"unknown route", 404, "/api/nothing", "GET", "", "/api/nothing"},
      {"unknown method on a route", 404, "/api/who", "DELETE", "", "DELETE"},
      {"unknown file", 404, "/no-such-file.js", "GET", "", "no-such-file.js"},
      {"malformed JSON", 400, "/api/articles", "POST", "{\"id\": \"x\", \"text\": ", "JSON"},
      {"JSON not an object", 400, "/api/articles", "POST", "[\"text\"]", "object"},
      {"article without text", 400, "/api/articles", "POST", "{\"id\": \"x\"}", "text"},
      {"text not a string", 400, "/api/articles", "POST", "{\"id\": \"x\", \"text\": 5}", "text"},
      {"empty body", 400, "/api/articles", "POST", "", "JSON"},
      {"oversize body", 413, "/api/articles", "POST", std::string(6u << 20, 'x'), "large"},
  };
  for (const BadRequest& c : cases) {
    SCOPED_TRACE(c.what);
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(30, 0);
    Reply r = c.method == "POST"     ? ToReply(client.Post(c.path.c_str(), c.body, "application/json"))
              : c.method == "DELETE" ? ToReply(client.Delete(c.path.c_str()))
                                     : ToReply(client.Get(c.path.c_str()));
    EXPECT_EQ(r.status, c.status) << r.body;
    ASSERT_TRUE(r.json.is_object()) << r.body;
    ASSERT_TRUE(r.json.contains("error")) << r.body;
    const std::string error = r.json["error"];
    EXPECT_NE(error.find(c.error_mentions), std::string::npos) << error;
    EXPECT_NE(r.content_type.find("application/json"), std::string::npos);
  }
  EXPECT_TRUE(server_->Alive());
  EXPECT_EQ(Get(port(), "/api/health").status, 200);
}

TEST_F(ServeTest, PathTraversalIsRefused) {
  const std::vector<std::string> paths = {
      "/../etc/passwd",         "/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "//etc/passwd",           "/./index.html",      "/..%5c..%5cetc%5cpasswd",
      "/web/../../etc/passwd",  "/index.html%00.js",  "/%2e%2e",
  };
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    std::string body;
    int status = RawStatus(port(),
                           "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &body);
    EXPECT_GE(status, 400);
    EXPECT_LT(status, 500);
    EXPECT_EQ(body.find("root:"), std::string::npos);
    Json j = Json::parse(body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("error")) << body;
  }
  // An absolute URI in the request line is no way around it either.
  int status = RawStatus(
      port(), "GET http://x/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_GE(status, 400);
  EXPECT_LT(status, 500);
  EXPECT_TRUE(server_->Alive());
}

TEST_F(ServeTest, DashboardFilesAreServedAsInWeb) {
  const fs::path web = fs::path(testutil::SourceDir()) / "web";
  ASSERT_TRUE(fs::exists(web / "index.html"));
  int files = 0;
  for (auto it = fs::recursive_directory_iterator(web); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".") || name == "node_modules") {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    const std::string rel = fs::relative(it->path(), web).generic_string();
    SCOPED_TRACE(rel);
    Reply r = Get(port(), "/" + rel);
    ASSERT_EQ(r.status, 200) << "rebuild after changing web/? " << r.body.substr(0, 200);
    EXPECT_EQ(r.body, ReadAll(it->path()));
    ++files;
  }
  EXPECT_GT(files, 0);
  Reply index = Get(port(), "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, ReadAll(web / "index.html"));
  EXPECT_NE(index.content_type.find("text/html"), std::string::npos);
}

// Reads the samples, giving each article a new id and a distinct text, `copies` times over.
std::string WriteSampleCopies(const std::string& dir, const std::string& name, int first,
                              int copies) {
  std::ifstream in(testutil::SourceDir() + "/samples/articles.jsonl");
  std::vector<Json> articles;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) articles.push_back(Json::parse(line));
  }
  const std::string path = dir + "/" + name;
  std::ofstream out(path);
  for (int k = first; k < first + copies; ++k) {
    for (Json a : articles) {
      a["id"] = a["id"].get<std::string>() + "-copy" + std::to_string(k);
      // A different text, or the store would take the copy for the same article.
      a["text"] = a["text"].get<std::string>() + "\n\n(Copy " + std::to_string(k) + ".)";
      out << a.dump() << "\n";
    }
  }
  return path;
}

TEST(ServePost, ArticleIsExtractedAndStoredAsIngestWould) {
  const std::string db = SamplesDb();
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0) << server.first_line();
  const Json article = {
      {"id", "posted-teamsters"},
      {"url", "https://news.example.org/2016/07/01/teamsters"},
      {"published", "2016-07-01"},
      {"title", "Teamsters endorse Clinton"},
      {"text",
       "WASHINGTON — The Teamsters endorsed Hillary Clinton on Friday, adding the union's weight "
       "to her general election campaign."}};
  Reply r = Post(server.port(), "/api/articles", article.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json["article"], "posted-teamsters");
  EXPECT_EQ(r.json["status"], "stored");
  ASSERT_FALSE(r.json["stances"].empty()) << r.body;
  bool teamsters = false;
  for (const Json& s : r.json["stances"]) {
    Reply one = Get(server.port(), "/api/stances/" + std::to_string(s["id"].get<int64_t>()));
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json["article"], "posted-teamsters");
    EXPECT_EQ(one.json["url"], "https://news.example.org/2016/07/01/teamsters");
    if (s["target"] == "Hillary Clinton" && s["stance"] == "support" &&
        s["holder"].get<std::string>().find("Teamsters") != std::string::npos) {
      teamsters = true;
    }
  }
  EXPECT_TRUE(teamsters) << r.body;
  // The record's source names a file that holds the article.
  const std::string source = r.json["source"];
  const std::string file = source.substr(0, source.rfind(':'));
  EXPECT_EQ(Json::parse(ReadAll(file)), article);

  // The queries see it at once, through the server and through the CLI alike.
  Reply who = Get(server.port(), "/api/who?target=Hillary%20Clinton&as_of=2016-07-02");
  ASSERT_EQ(who.status, 200);
  CliRun cli = RunCli({"who", "Hillary Clinton", "--as-of", "2016-07-02", "--json", "--db", db});
  EXPECT_EQ(who.json, Json::parse(cli.out));
  EXPECT_NE(who.body.find("posted-teamsters"), std::string::npos);
  EXPECT_EQ(Get(server.port(), "/api/health").json["articles"], 10);

  // The same article again: nothing new is stored.
  Reply again = Post(server.port(), "/api/articles", article.dump());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["status"], "unchanged");
  EXPECT_EQ(again.json["stances"], r.json["stances"]);
  EXPECT_EQ(Get(server.port(), "/api/health").json["articles"], 10);
  EXPECT_EQ(server.Stop(), 0);
}

// Issue 8: the server answers while `whipcount ingest` writes the same database (WAL). Every
// answer must be whole (200 and parseable), the article count must never go down, and each
// answer must come within a bound.
TEST(ServeConcurrency, QueriesStayWholeWhileIngestWrites) {
  const std::string dir = testutil::TempDir();
  const std::string db = SamplesDb();
  const int kRuns = 3;
  std::vector<std::string> inputs;
  for (int run = 0; run < kRuns; ++run) {
    inputs.push_back(WriteSampleCopies(dir, "copies" + std::to_string(run) + ".jsonl", run * 20, 20));
  }
  ServeProcess server(db);
  ASSERT_GT(server.port(), 0) << server.first_line();

  std::atomic<bool> done{false};
  std::atomic<int64_t> requests{0}, failures{0}, max_micros{0};
  std::mutex mu;
  std::vector<std::string> problems;
  auto note = [&](const std::string& problem) {
    ++failures;
    std::lock_guard<std::mutex> lock(mu);
    if (problems.size() < 10) problems.push_back(problem);
  };
  const std::vector<std::string> urls = {
      "/api/who?target=Hillary%20Clinton",       "/api/timeline?actor=AFL-CIO",
      "/api/tally?weight=members",               "/api/switches",
      "/api/who?target=Bernie%20Sanders&as_of=2016-06-20", "/api/conflicts"};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(60, 0);
      int64_t last_articles = 0;
      size_t i = static_cast<size_t>(t);
      while (!done) {
        const std::string url = (i % 3 == 0) ? "/api/health" : urls[i % urls.size()];
        ++i;
        const auto start = std::chrono::steady_clock::now();
        Reply r = ToReply(client.Get(url.c_str()));
        const int64_t micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - start)
                                   .count();
        ++requests;
        int64_t seen = max_micros;
        while (micros > seen && !max_micros.compare_exchange_weak(seen, micros)) {
        }
        if (r.status != 200 || r.json.is_discarded()) {
          note(url + ": HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 200));
          continue;
        }
        if (url == "/api/health") {
          const int64_t articles = r.json["articles"];
          if (articles < last_articles) {
            note("articles went from " + std::to_string(last_articles) + " to " +
                 std::to_string(articles));
          }
          last_articles = articles;
        }
      }
    });
  }
  for (const std::string& input : inputs) {
    CliRun run = RunCli({"ingest", input, "--db", db, "--batch", "8", "--threads", "1"});
    EXPECT_EQ(run.exit_code, 0);
  }
  // Let the readers see the final state for a moment.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  done = true;
  for (std::thread& t : clients) t.join();

  std::printf("concurrency: %lld requests during %d ingests, %lld failed, max latency %.1f ms\n",
              static_cast<long long>(requests.load()), kRuns,
              static_cast<long long>(failures.load()), max_micros.load() / 1000.0);
  EXPECT_EQ(failures.load(), 0) << (problems.empty() ? "" : problems.front());
  EXPECT_GT(requests.load(), 20);
  // Bound: a query waits at most for one ingest commit or position rebuild of this small
  // database, never for a whole ingest.
  EXPECT_LT(max_micros.load(), 2'000'000);
  Reply health = Get(server.port(), "/api/health");
  EXPECT_EQ(health.json["articles"], 9 + kRuns * 20 * 9);
  // What the server answers after the ingest equals what the CLI prints.
  CliRun cli = RunCli({"tally", "--weight", "members", "--json", "--db", db});
  EXPECT_EQ(Get(server.port(), "/api/tally?weight=members").json, Json::parse(cli.out));
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace whipcount
