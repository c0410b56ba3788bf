// Store and query benchmark: `whipcount ingest` of the shared news corpus with 1 and 2
// extraction threads, next to its baseline (the same extraction on the same threads without the
// database), then each query of issue 5 on the resulting database.
//
//   BM_Ingest/threads:N       store::Ingest of ../shared/corpus/news.jsonl into a fresh database
//   BM_ExtractOnly/threads:2  the baseline: the same reading and Pipeline::Process on 2 threads,
//                             stances rendered as JSON Lines and dropped (no SQLite)
//   BM_Query<Name>            one query on the database the last BM_Ingest left, repeated;
//                             aggregates report the median
//
// Each ingest checks its output: every article stored and some stances found, or it reports an
// error instead of a rate. After the benchmarks, main prints the database size.
#include <benchmark/benchmark.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "query/query.h"
#include "read/reader.h"
#include "store/ingest.h"
#include "store/store.h"
#include "whipcount/pipeline.h"

namespace whipcount::bench {
namespace {

namespace fs = std::filesystem;

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

std::string CorpusPath() {
  return EnvOr("WHIPCOUNT_CORPUS",
               std::string(WHIPCOUNT_SOURCE_DIR) + "/../shared/corpus/news.jsonl");
}

std::string DbPath() { return (fs::temp_directory_path() / "whipcount-store-bench.db").string(); }

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

const Pipeline* SharedPipeline() {
  static std::unique_ptr<Pipeline> pipeline = [] {
    Options options;
    options.data_dir = std::string(WHIPCOUNT_SOURCE_DIR) + "/data";
    auto created = Pipeline::Create(options);
    return created.ok() ? std::move(created).value() : nullptr;
  }();
  return pipeline.get();
}

int64_t CountLines(const std::string& path) {
  std::ifstream in(path);
  int64_t n = 0;
  for (std::string line; std::getline(in, line);) n += line.empty() ? 0 : 1;
  return n;
}

bool db_ready = false;  // a BM_Ingest left a complete database at DbPath()

// Ingests the corpus into a fresh database; returns the final counts or an error message.
Result<store::IngestProgress> IngestCorpus(int threads) {
  const Pipeline* pipeline = SharedPipeline();
  if (pipeline == nullptr) return Status::Internal("cannot build the pipeline from data/");
  RemoveDb(DbPath());
  auto db = store::Store::Open(DbPath());
  if (!db.ok()) return db.status();
  store::IngestOptions options;
  options.threads = threads;
  options.fingerprint = "bench";
  return store::Ingest(*pipeline, **db, {CorpusPath()}, options);
}

void BM_Ingest(benchmark::State& state) {
  if (!fs::exists(CorpusPath())) {
    state.SkipWithError("../shared/corpus/news.jsonl is absent");
    return;
  }
  const int64_t expected = CountLines(CorpusPath());
  SharedPipeline();  // load data/ before the clock starts
  store::IngestProgress last;
  for (auto _ : state) {
    auto result = IngestCorpus(static_cast<int>(state.range(0)));
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    last = *result;
  }
  if (last.articles_stored + last.errors != expected || last.stances_stored == 0) {
    state.SkipWithError("not every article was stored, or no stance was found");
    return;
  }
  db_ready = true;
  const double seconds = last.seconds;
  state.counters["articles/s"] = static_cast<double>(last.articles_stored) / seconds;
  state.counters["MB/s"] = static_cast<double>(last.bytes_read) / 1e6 / seconds;
  state.counters["articles"] = static_cast<double>(last.articles_stored);
  state.counters["stances"] = static_cast<double>(last.stances_stored);
  state.counters["db_MB"] = static_cast<double>(fs::file_size(DbPath())) / 1e6;
}
BENCHMARK(BM_Ingest)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

void BM_ExtractOnly(benchmark::State& state) {
  if (!fs::exists(CorpusPath())) {
    state.SkipWithError("../shared/corpus/news.jsonl is absent");
    return;
  }
  const Pipeline* pipeline = SharedPipeline();
  const int threads = static_cast<int>(state.range(0));
  int64_t articles = 0, bytes = 0, stances = 0;
  for (auto _ : state) {
    std::mutex mu;
    std::vector<Article> queue;
    bool done = false;
    std::condition_variable cv;
    std::atomic<int64_t> found{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        std::string out;
        while (true) {
          Article article;
          {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return done || !queue.empty(); });
            if (queue.empty()) return;
            article = std::move(queue.back());
            queue.pop_back();
          }
          auto doc = pipeline->Process(std::move(article));
          if (!doc.ok()) continue;
          out.clear();
          AppendStanceJsonl(*doc, out);
          found += static_cast<int64_t>(doc->stances.size());
        }
      });
    }
    articles = bytes = 0;
    read::ReadInputs(
        {CorpusPath()},
        [&](Article&& article) {
          ++articles;
          bytes += static_cast<int64_t>(article.text.size());
          std::unique_lock<std::mutex> lock(mu);
          queue.push_back(std::move(article));
          cv.notify_one();
        },
        nullptr);
    {
      std::lock_guard<std::mutex> lock(mu);
      done = true;
    }
    cv.notify_all();
    for (auto& w : workers) w.join();
    stances = found;
  }
  if (stances == 0) {
    state.SkipWithError("no stance found");
    return;
  }
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExtractOnly)
    ->ArgName("threads")
    ->Arg(2)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// The database the queries run on: the last ingest's, or a fresh 2-thread ingest when the
// ingest benchmarks were filtered out.
query::Database* SharedDb() {
  static std::unique_ptr<query::Database> db = []() -> std::unique_ptr<query::Database> {
    if (!db_ready && !IngestCorpus(2).ok()) return nullptr;
    auto opened = query::Database::Open(DbPath());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }();
  return db.get();
}

int64_t ActorId(query::Database& db, const char* name) {
  auto actor = db.FindActor(name);
  return actor.ok() ? actor->id : -1;
}

template <typename Fn>
void RunQuery(benchmark::State& state, Fn fn) {
  query::Database* db = SharedDb();
  if (db == nullptr) {
    state.SkipWithError("no database (is ../shared/corpus present?)");
    return;
  }
  size_t rows = 0;
  for (auto _ : state) rows = fn(*db);
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_QueryFindActor(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) { return db.FindActor("AFL-CIO").ok() ? 1u : 0u; });
}
void BM_QueryFindActorUnknown(benchmark::State& state) {
  RunQuery(state,
           [](query::Database& db) { return db.FindActor("Bernie Sandres").ok() ? 1u : 0u; });
}
void BM_QueryWho(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto rows = db.Who(ActorId(db, "Donald Trump"), Date::Parse("2016-06-20"), Stance::kSupport);
    return rows.ok() ? rows->size() : 0;
  });
}
void BM_QueryTimeline(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto rows = db.Timeline(ActorId(db, "Hillary Clinton"));
    return rows.ok() ? rows->size() : 0;
  });
}
void BM_QuerySwitches(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto rows = db.Switches(std::nullopt);
    return rows.ok() ? rows->size() : 0;
  });
}
void BM_QueryConflicts(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto rows = db.Conflicts();
    return rows.ok() ? rows->size() : 0;
  });
}
void BM_QueryTally(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto rows = db.Tally(Date::Parse("2016-06-20"), /*by_members=*/true);
    return rows.ok() ? rows->size() : 0;
  });
}
void BM_QueryAffiliates(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    auto result = db.Affiliates(ActorId(db, "AFL-CIO"), Date::Parse("2016-06-20"));
    return result.ok() ? result->affiliates.size() : 0;
  });
}
void BM_QueryExportStances(benchmark::State& state) {
  RunQuery(state, [](query::Database& db) {
    size_t n = 0;
    (void)db.ExportStances([&](const nlohmann::ordered_json&) { ++n; });
    return n;
  });
}
// Opening the database as each CLI call does (schema check, stale check), then one query.
void BM_QueryOpenAndWho(benchmark::State& state) {
  if (SharedDb() == nullptr) {
    state.SkipWithError("no database");
    return;
  }
  size_t rows = 0;
  for (auto _ : state) {
    auto db = query::Database::Open(DbPath());
    if (!db.ok()) {
      state.SkipWithError(db.status().ToString().c_str());
      return;
    }
    auto result = (*db)->Who(ActorId(**db, "Bernie Sanders"), std::nullopt, Stance::kSupport);
    rows = result.ok() ? result->size() : 0;
  }
  state.counters["rows"] = static_cast<double>(rows);
}

#define WHIPCOUNT_QUERY_BENCHMARK(name) \
  BENCHMARK(name)->Unit(benchmark::kMillisecond)->Repetitions(9)->ReportAggregatesOnly(true)
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryFindActor);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryFindActorUnknown);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryWho);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryTimeline);
WHIPCOUNT_QUERY_BENCHMARK(BM_QuerySwitches);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryConflicts);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryTally);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryAffiliates);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryExportStances);
WHIPCOUNT_QUERY_BENCHMARK(BM_QueryOpenAndWho);

}  // namespace
}  // namespace whipcount::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ec;
  auto size = std::filesystem::file_size(whipcount::bench::DbPath(), ec);
  if (!ec) {
    std::printf("database: %s, %.1f MB\n", whipcount::bench::DbPath().c_str(),
                static_cast<double>(size) / 1e6);
  }
  return 0;
}
