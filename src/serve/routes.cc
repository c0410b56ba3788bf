// The routes of `whipcount serve`: the JSON API, article ingest by POST, and the dashboard's
// files. Every answer to a bad request is a 4xx with {"error": "..."} naming the problem.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <utility>

#include "query/actors.h"
#include "query/api.h"
#include "read/reader.h"
#include "serve/serve_internal.h"
#include "store/ingest.h"

namespace whipcount::serve::internal {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kJsonType = "application/json; charset=utf-8";

int HttpStatus(const Status& st) {
  switch (st.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidInput:
    case Status::Code::kUnsupported:
      return 400;
    case Status::Code::kNotFound:
      return 404;
    default:
      return 500;
  }
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  Json j;
  j["error"] = message;
  res.set_content(query::Dump(j, false), kJsonType);
}

void SendStatus(httplib::Response& res, const Status& st) {
  SendError(res, HttpStatus(st), st.message());
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// The cache key of a GET: its path and parameters, in a fixed order.
std::string CacheKey(const httplib::Request& req) {
  std::vector<std::pair<std::string, std::string>> params(req.params.begin(), req.params.end());
  std::sort(params.begin(), params.end());
  std::string key = req.path;
  for (const auto& [name, value] : params) {
    key += '\n' + name + '=' + value;
  }
  return key;
}

using Query = std::function<Result<Json>(query::Database& db)>;

// Answers a GET from the cache, or runs `run` on a pooled database handle.
void Answer(ServerState& state, const httplib::Request& req, httplib::Response& res,
            const Query& run) {
  const uint64_t version = state.cache.Version();
  const std::string key = CacheKey(req);
  std::shared_ptr<const std::string> body = state.cache.Get(version, key);
  if (!body) {
    Result<Json> json = [&] {
      DbPool::Lease db = state.pool.Acquire();
      return run(*db);
    }();
    if (!json.ok()) {
      SendStatus(res, json.status());
      return;
    }
    body = std::make_shared<const std::string>(query::Dump(*json, false));
    state.cache.Put(version, key, body);
  }
  res.status = 200;
  // Written straight from the shared answer: large answers (switches, a long timeline) are not
  // copied once more per request.
  res.set_content_provider(body->size(), kJsonType,
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
}

template <typename T>
Result<Json> AsJson(Result<T> result) {
  if (!result.ok()) return result.status();
  return query::ToJson(*result);
}

std::string UtcStamp() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// POST /api/articles: one article in the JSON Lines format. It is written to a file of
// options.posted_dir and ingested from there by store::Ingest, the code `whipcount ingest` runs,
// so it is extracted and stored as the CLI would and its records' source names that file.
void PostArticle(ServerState& state, const httplib::Request& req, httplib::Response& res) {
  Json parsed;
  try {
    parsed = Json::parse(req.body);
  } catch (const Json::parse_error& e) {
    // e.what() names the byte where the text stops being JSON.
    SendError(res, 400, std::string("malformed JSON in the request body: ") + e.what());
    return;
  }
  if (!parsed.is_object()) {
    SendError(res, 400, "the body must be a JSON object (one article), not " +
                            std::string(parsed.type_name()));
    return;
  }
  // One line, as the JSON Lines reader expects.
  const std::string line = query::Dump(parsed, false);

  std::lock_guard<std::mutex> lock(state.write_mu);
  const std::string name = UtcStamp() + "-" + std::to_string(++state.posted);
  const fs::path dir = state.options.posted_dir;
  const fs::path file = dir / (name + ".jsonl");
  const std::string source = file.string() + ":1";
  // The id the reader gives an article without one: the file's stem and line number.
  Result<Article> article = read::ParseArticleJson(line, "request body", name + "-1");
  if (!article.ok()) {
    SendError(res, 400, article.status().message());
    return;
  }
  const std::string id = article->id;
  std::error_code ec;
  fs::create_directories(dir, ec);
  {
    std::ofstream out(file, std::ios::binary);
    out << line << "\n";
    if (!out.flush()) {
      SendError(res, 500, "cannot write " + file.string());
      return;
    }
  }
  if (!state.writer) {
    Result<std::unique_ptr<store::Store>> store = store::Store::Open(state.options.db_path);
    if (!store.ok()) {
      SendStatus(res, store.status());
      return;
    }
    state.writer = std::move(store).value();
  }
  std::vector<std::string> errors;
  store::IngestOptions opts;
  opts.threads = 1;
  opts.fingerprint = state.options.fingerprint;
  opts.on_error = [&](const store::IngestError& e) {
    errors.push_back(e.source + ": " + e.message);
  };
  Result<store::IngestProgress> done =
      store::Ingest(state.pipeline, *state.writer, {file.string()}, opts);
  if (!done.ok()) {
    fs::remove(file, ec);
    SendError(res, 500, "cannot store the article: " + done.status().message());
    return;
  }
  if (!errors.empty()) {
    fs::remove(file, ec);
    std::string all;
    for (const std::string& e : errors) all += (all.empty() ? "" : "; ") + e;
    SendError(res, 400, all);
    return;
  }
  const bool unchanged = done->articles_unchanged > 0;
  // An unchanged article keeps the records (and source file) of its first posting.
  if (unchanged) fs::remove(file, ec);
  Result<std::vector<query::StanceRow>> stances = [&] {
    DbPool::Lease db = state.pool.Acquire();
    return (*db).StancesOfArticle(id);
  }();
  if (!stances.ok()) {
    SendStatus(res, stances.status());
    return;
  }
  Json j;
  j["article"] = id;
  j["status"] = unchanged ? "unchanged" : "stored";
  j["source"] = unchanged ? (stances->empty() ? Json(nullptr) : Json(stances->front().source))
                          : Json(source);
  Json list = Json::array();
  for (const query::StanceRow& s : *stances) {
    Json summary;
    summary["id"] = s.id;
    summary["holder"] = s.holder.name;
    summary["stance"] = s.stance;
    summary["target"] = s.target.name;
    summary["status"] = s.status;
    summary["time"] = s.time ? Json(*s.time) : Json(nullptr);
    summary["evidence"] = s.evidence;
    list.push_back(std::move(summary));
  }
  j["stances"] = std::move(list);
  res.status = unchanged ? 200 : 201;
  res.set_content(query::Dump(j, false), kJsonType);
}

// GET /api/health: the server is up, and how much the database holds.
Result<Json> Health(query::Database& db) {
  Json j;
  j["status"] = "ok";
  Status st = db.InSnapshot([&]() -> Status {
    for (const char* table : {"articles", "stances", "positions"}) {
      // The table names are this list's constants, not input.
      store::Statement count =
          db.connection().Prepare(std::string("SELECT count(*) FROM ") + table);
      if (!count.Step()) return count.status();
      j[table] = count.Int(0);
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return j;
}

void ServeFile(const httplib::Request& req, httplib::Response& res) {
  std::string_view path = req.path;
  if (path.empty() || path.front() != '/') {
    SendError(res, 400, "bad path");
    return;
  }
  path.remove_prefix(1);
  if (path.empty()) path = "index.html";
  if (UnsafePath(path)) {
    SendError(res, 400, "bad path \"" + req.path + "\": no '.', '..' or empty segments");
    return;
  }
  for (const EmbeddedFile& file : EmbeddedFiles()) {
    if (file.path == path) {
      res.status = 200;
      // The files change only with the binary; revalidating is cheap on loopback.
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::string(file.bytes), std::string(ContentTypeFor(path)));
      return;
    }
  }
  SendError(res, 404, "no file \"" + req.path + "\"");
}

}  // namespace

void AddRoutes(ServerState& state) {
  httplib::Server& http = state.http;
  using Route = std::function<Result<Json>(const httplib::Request&, query::Database&)>;
  auto api = [&state, &http](const char* pattern, Route route) {
    http.Get(pattern, [&state, route = std::move(route)](const httplib::Request& req,
                                                        httplib::Response& res) {
      Answer(state, req, res, [&](query::Database& db) { return route(req, db); });
    });
  };

  api("/api/health", [](const httplib::Request&, query::Database& db) { return Health(db); });
  api("/api/who", [](const httplib::Request& req, query::Database& db) {
    query::WhoQuery q;
    q.target = Param(req, "target");
    q.as_of = Param(req, "as_of");
    if (req.has_param("stance")) q.stance = Param(req, "stance");
    return AsJson(query::RunWho(db, q));
  });
  api("/api/timeline", [](const httplib::Request& req, query::Database& db) {
    return AsJson(query::RunTimeline(db, Param(req, "actor")));
  });
  api("/api/switches", [](const httplib::Request& req, query::Database& db) {
    return AsJson(query::RunSwitches(db, Param(req, "since")));
  });
  api("/api/conflicts", [](const httplib::Request&, query::Database& db) {
    return AsJson(query::RunConflicts(db));
  });
  api("/api/tally", [](const httplib::Request& req, query::Database& db) -> Result<Json> {
    query::TallyQuery q;
    q.as_of = Param(req, "as_of");
    q.weight = Param(req, "weight");
    if (req.has_param("limit")) {
      const std::string limit = Param(req, "limit");
      char* end = nullptr;
      q.limit = std::strtoll(limit.c_str(), &end, 10);
      if (limit.empty() || *end != '\0' || q.limit < 0) {
        return Status::InvalidInput("limit \"" + limit + "\" is not a number of targets");
      }
    }
    return AsJson(query::RunTally(db, q));
  });
  api("/api/affiliates", [](const httplib::Request& req, query::Database& db) {
    query::AffiliatesQuery q;
    q.federation = Param(req, "federation");
    q.as_of = Param(req, "as_of");
    return AsJson(query::RunAffiliates(db, q));
  });
  api("/api/actors", [&state](const httplib::Request& req,
                              query::Database& db) -> Result<Json> {
    const std::string q = Param(req, "q");
    if (q.empty()) return Status::InvalidInput("missing parameter q");
    Result<Json> json = Status::Ok();
    Status st = db.InSnapshot([&] {
      json = query::LookupActors(state.pipeline.kb(), &db, q);
      return json.ok() ? Status::Ok() : json.status();
    });
    if (!st.ok()) return st;
    return json;
  });
  api(R"(/api/stances/([^/]*))", [](const httplib::Request& req, query::Database& db) {
    return AsJson(query::RunStance(db, req.matches[1].str()));
  });
  http.Post("/api/articles", [&state](const httplib::Request& req, httplib::Response& res) {
    PostArticle(state, req, res);
  });
  // Anything else under /api/ is not an endpoint, whatever the method.
  auto no_endpoint = [](const httplib::Request& req, httplib::Response& res) {
    SendError(res, 404, "no API endpoint " + req.method + " " + req.path);
  };
  http.Get("/api/.*", no_endpoint);
  http.Post("/api/.*", no_endpoint);
  http.Put("/api/.*", no_endpoint);
  http.Delete("/api/.*", no_endpoint);
  http.Patch("/api/.*", no_endpoint);
  http.Get(".*", [](const httplib::Request& req, httplib::Response& res) { ServeFile(req, res); });

  // Errors the library answers itself (no route, body too large, unreadable request) get a JSON
  // body too; answers that already have one keep it.
  const size_t limit_mb = std::max<size_t>(1, state.options.max_body_bytes >> 20);
  http.set_error_handler(httplib::Server::HandlerWithResponse([limit_mb](const httplib::Request& req,
                                                                         httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message;
    switch (res.status) {
      case 413:
        message = "request body too large (the limit is " + std::to_string(limit_mb) + " MB)";
        break;
      case 404:
        message = "nothing at " + req.method + " " + req.path;
        break;
      case 405:
        message = "method " + req.method + " not allowed on " + req.path;
        break;
      default:
        message = "bad request: " + req.method + " " + req.path +
                  " (a method other than GET, or a malformed request)";
    }
    SendError(res, res.status, message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  // A bug in a handler answers 500 instead of ending the process.
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        SendError(res, 500, "internal error: " + what);
      });
}

}  // namespace whipcount::serve::internal
