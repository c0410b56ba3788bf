#include "store/ingest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "read/reader.h"
#include "store/stance_line.h"

namespace whipcount::store {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// One input file after folders are walked.
struct Unit {
  std::string path;
  int64_t bytes = 0;
  bool jsonl = false;
};

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool IsJsonl(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".jsonl";
}

// Walks folders in sorted order (hidden entries skipped), as read::ReadInputs does, so that
// each file can be routed by its content. Paths that do not exist are left for ReadInputs to
// report.
void Expand(const fs::path& path, int depth, std::vector<Unit>& units) {
  std::error_code ec;
  if (path != "-" && depth < 64 && fs::is_directory(path, ec)) {
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(path, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
      if (!IsHidden(it->path())) entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      // An entry that cannot be looked at (a dangling or looping symbolic link, a file removed
      // since the listing) goes on to the reader, which names it; pipes, sockets and devices
      // are passed over, as read::ReadInputs does.
      std::error_code entry_ec;
      fs::file_status status = fs::status(entry, entry_ec);
      if (entry_ec || fs::is_directory(status) || fs::is_regular_file(status)) {
        Expand(entry, depth + 1, units);
      }
    }
    if (!ec) return;
  }
  Unit unit;
  unit.path = path.string();
  uintmax_t size = path == "-" ? 0 : fs::file_size(path, ec);
  unit.bytes = ec ? 0 : static_cast<int64_t>(size);
  unit.jsonl = path != "-" && IsJsonl(path) && fs::is_regular_file(path, ec);
  units.push_back(std::move(unit));
}

// An article on its way from the reader to the writer, numbered in input order.
struct Item {
  int64_t seq = 0;
  std::optional<Article> article;       // to extract
  std::optional<ArticleRecord> record;  // ready to store
  std::string text_hash;
};

class Runner {
 public:
  Runner(const Pipeline& pipeline, Store& store, const IngestOptions& options)
      : pipeline_(pipeline), store_(store), options_(options) {
    threads_ = options.threads > 0
                   ? options.threads
                   : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    max_in_flight_ = options.batch_articles + 4 * threads_ + 16;
  }

  Result<IngestProgress> Run(const std::vector<std::string>& inputs) {
    start_ = Clock::now();
    std::string joined;
    for (const std::string& input : inputs) joined += (joined.empty() ? "" : " ") + input;
    if (Status st = store_.SyncKnowledgeBase(pipeline_.kb()); !st.ok()) return st;
    Result<std::unordered_map<std::string, StoredArticle>> stored = store_.StoredArticles();
    if (!stored.ok()) return stored.status();
    stored_ = std::move(stored).value();
    Result<int64_t> run = store_.StartRun(options_.fingerprint, joined);
    if (!run.ok()) return run.status();
    run_ = *run;

    std::vector<Unit> units;
    for (const std::string& input : inputs) Expand(input, 0, units);
    for (const Unit& unit : units) progress_.bytes_total += unit.bytes;

    std::vector<std::thread> workers;
    for (int i = 0; i < threads_; ++i) workers.emplace_back([this] { Work(); });
    std::thread writer([this] { Write(); });
    for (const Unit& unit : units) {
      if (Aborted()) break;
      if (unit.jsonl) {
        ReadJsonl(unit);
      } else {
        ReadOther(unit);
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        progress_.bytes_read = bytes_done_ += unit.bytes;
      }
      MaybeReport(false);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_done_ = true;
    }
    work_cv_.notify_all();
    done_cv_.notify_all();
    for (std::thread& t : workers) t.join();
    writer.join();
    if (!write_status_.ok()) return write_status_;

    IngestProgress final = Snapshot();
    final.merging = true;
    Report(final);
    if (Status st = store_.RebuildPositions(); !st.ok()) return st;
    if (Status st = store_.FinishRun(run_, final.articles_stored, final.errors); !st.ok()) {
      return st;
    }
    final = Snapshot();
    Report(final);
    return final;
  }

 private:
  bool Aborted() {
    std::lock_guard<std::mutex> lock(mu_);
    return aborted_;
  }

  IngestProgress Snapshot() {
    std::lock_guard<std::mutex> lock(mu_);
    IngestProgress p = progress_;
    p.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return p;
  }

  void Report(const IngestProgress& p) {
    if (!options_.on_progress) return;
    std::lock_guard<std::mutex> lock(callback_mu_);
    options_.on_progress(p);
  }

  void MaybeReport(bool force) {
    auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::duration<double>(options_.progress_seconds)) {
      return;
    }
    last_report_ = now;
    Report(Snapshot());
  }

  void Error(std::string source, std::string message) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++progress_.errors;
    }
    if (!options_.on_error) return;
    std::lock_guard<std::mutex> lock(callback_mu_);
    options_.on_error(IngestError{std::move(source), std::move(message)});
  }

  // Hands `item` on, waiting while too many articles are between reading and storing.
  void Submit(Item item) {
    std::unique_lock<std::mutex> lock(mu_);
    while (!aborted_ && in_flight_ >= max_in_flight_) {
      space_cv_.wait_for(lock, std::chrono::duration<double>(options_.progress_seconds));
      if (in_flight_ >= max_in_flight_) {
        lock.unlock();
        MaybeReport(false);
        lock.lock();
      }
    }
    if (aborted_) return;
    item.seq = next_seq_++;
    ++in_flight_;
    ++progress_.articles_read;
    if (item.article) {
      work_.push_back(std::move(item));
      lock.unlock();
      work_cv_.notify_one();
    } else {
      done_.emplace(item.seq, std::move(item));
      lock.unlock();
      done_cv_.notify_all();
    }
  }

  void SubmitArticle(Article&& article) {
    Item item;
    item.text_hash = TextHash(article.text);
    if (!options_.force) {
      auto it = stored_.find(article.id);
      if (it != stored_.end() && it->second.text_hash == item.text_hash &&
          it->second.fingerprint == options_.fingerprint) {
        std::lock_guard<std::mutex> lock(mu_);
        ++progress_.articles_unchanged;
        return;
      }
    }
    item.article = std::move(article);
    Submit(std::move(item));
  }

  void ReadOther(const Unit& unit) {
    read::ReadInputs(
        {unit.path}, [&](Article&& article) { SubmitArticle(std::move(article)); },
        [&](const read::ReadError& e) { Error(e.source, e.message); });
  }

  // Streams a .jsonl file: articles go to extraction, stance records straight to the writer.
  void ReadJsonl(const Unit& unit) {
    std::ifstream in(unit.path, std::ios::binary);
    if (!in) {
      Error(unit.path, "cannot open");
      return;
    }
    const std::string stem = fs::path(unit.path).stem().string();
    std::string line;
    int64_t line_no = 0, content_lines = 0, offset = 0;
    std::optional<bool> stances;  // decided by the first line with content
    std::optional<ArticleRecord> group;
    auto flush = [&] {
      if (group) {
        Item item;
        item.record = std::move(*group);
        group.reset();
        Submit(std::move(item));
      }
    };
    while (!Aborted() && std::getline(in, line)) {
      ++line_no;
      offset += static_cast<int64_t>(line.size()) + 1;
      {
        std::lock_guard<std::mutex> lock(mu_);
        progress_.bytes_read = bytes_done_ + std::min(offset, unit.bytes);
      }
      MaybeReport(false);
      if (line.size() > read::kMaxPageBytes) {
        Error(unit.path + ":" + std::to_string(line_no),
              "line too long (over " + std::to_string(read::kMaxPageBytes >> 20) + " MiB)");
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
      if (line_no == 1 && (line.rfind("\xFF\xFE", 0) == 0 || line.rfind("\xFE\xFF", 0) == 0)) {
        // As read::ReadInputs says it, rather than "binary data" for the NULs that follow.
        Error(unit.path,
              "unsupported encoding: UTF-16 (byte order mark); convert the file to UTF-8");
        return;
      }
      if (line.find_first_not_of(" \t\f\v") == std::string::npos) continue;
      ++content_lines;
      const std::string source = unit.path + ":" + std::to_string(line_no);
      if (line.find('\0') != std::string::npos) {
        Error(line_no == 1 ? unit.path : source, "binary data (NUL byte)");
        if (line_no == 1) return;
        continue;
      }
      const bool fact_line = LooksLikeFactLine(line);
      if (!stances) stances = fact_line || LooksLikeStanceLine(line);
      if (!*stances) {
        Result<Article> article =
            read::ParseArticleJson(line, source, stem + "-" + std::to_string(line_no));
        if (!article.ok()) {
          // ParseArticleJson's message starts with the source; the error carries it apart.
          std::string message = article.status().message();
          if (message.rfind(source + ": ", 0) == 0) message.erase(0, source.size() + 2);
          Error(source, std::move(message));
          continue;
        }
        SubmitArticle(std::move(article).value());
        continue;
      }
      if (fact_line) {  // `extract --facts` output: a fact of the article being grouped
        Result<FactLine> fact = ParseFactLine(line);
        if (!fact.ok()) {
          Error(source, fact.status().message());
          continue;
        }
        if (group && group->id != fact->doc) flush();
        if (!group) {
          group.emplace();
          group->id = fact->doc;
          group->source = source;
          group->origin = kOriginStances;
        }
        group->facts.push_back(std::move(fact).value());
        continue;
      }
      Result<StanceLine> record = ParseStanceLine(line);
      if (!record.ok()) {
        Error(source, record.status().message());
        continue;
      }
      if (group && group->id != record->doc) flush();
      if (!group) {
        group.emplace();
        group->id = record->doc;
        group->source = record->source;
        group->date = record->published;
        group->date_inferred = record->date_inferred;
        group->origin = kOriginStances;
      }
      group->stances.push_back(std::move(record).value());
    }
    flush();
    if (in.bad()) Error(unit.path, "read error after line " + std::to_string(line_no));
    if (content_lines == 0) Error(unit.path, "empty file (no JSON lines)");
  }

  void Work() {
    while (true) {
      Item item;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] { return aborted_ || reading_done_ || !work_.empty(); });
        if (aborted_ || work_.empty()) return;
        item = std::move(work_.front());
        work_.pop_front();
      }
      Article& article = *item.article;
      std::string source = article.source;
      ArticleRecord record;
      record.id = article.id;
      record.text_hash = item.text_hash;
      record.source = article.source;
      if (!article.url.empty()) record.url = article.url;
      if (!article.title.empty()) record.title = article.title;
      record.bytes = static_cast<int64_t>(article.text.size());
      record.fingerprint = options_.fingerprint;
      Result<Document> doc = pipeline_.Process(std::move(article));
      item.article.reset();
      if (doc.ok()) {
        record.date = doc->date;
        record.date_inferred = doc->date_inferred;
        record.stances = StanceLinesOf(*doc);
        record.facts = FactLinesOf(*doc);
        item.record = std::move(record);
      } else {
        Error(source, doc.status().message());
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        done_.emplace(item.seq, std::move(item));
      }
      done_cv_.notify_all();
    }
  }

  void Abort(Status st) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      aborted_ = true;
      write_status_ = std::move(st);
    }
    work_cv_.notify_all();
    space_cv_.notify_all();
    done_cv_.notify_all();
  }

  // The writer thread: stores items in sequence order, a batch per transaction.
  void Write() {
    int64_t next = 0;
    int batch = 0;
    int64_t batch_stances = 0;
    Clock::time_point batch_start;
    const auto max_age = std::chrono::duration<double>(options_.batch_seconds);
    auto commit = [&]() -> bool {
      if (batch == 0) return true;
      if (Status st = store_.CommitBatch(); !st.ok()) {
        Abort(Status::IOError(store_.conn().path() + ": cannot commit: " + st.message()));
        return false;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        progress_.articles_stored += batch;
        progress_.stances_stored += batch_stances;
        in_flight_ -= batch;
      }
      space_cv_.notify_all();
      batch = 0;
      batch_stances = 0;
      return true;
    };
    while (true) {
      std::vector<Item> ready;
      bool finished = false;
      {
        std::unique_lock<std::mutex> lock(mu_);
        auto have_next = [&] { return done_.count(next) > 0; };
        auto all_done = [&] { return reading_done_ && next == next_seq_; };
        if (batch > 0) {
          done_cv_.wait_until(lock,
                              batch_start + std::chrono::duration_cast<Clock::duration>(max_age),
                              [&] { return aborted_ || have_next() || all_done(); });
        } else {
          done_cv_.wait(lock, [&] { return aborted_ || have_next() || all_done(); });
        }
        if (aborted_) {
          lock.unlock();
          if (batch > 0) store_.RollbackBatch();
          return;
        }
        for (auto it = done_.find(next); it != done_.end() && it->first == next;
             it = done_.find(++next)) {
          ready.push_back(std::move(it->second));
          done_.erase(it);
        }
        finished = all_done();
      }
      for (Item& item : ready) {
        if (!item.record) {  // extraction failed; already reported
          std::lock_guard<std::mutex> lock(mu_);
          --in_flight_;
          continue;
        }
        if (batch == 0) {
          if (Status st = store_.BeginBatch(); !st.ok()) {
            Abort(st);
            return;
          }
          batch_start = Clock::now();
        }
        if (Status st = store_.PutArticle(*item.record, run_); !st.ok()) {
          store_.RollbackBatch();
          Abort(Status::IOError(item.record->source + ": cannot store into " +
                                store_.conn().path() + ": " + st.message()));
          return;
        }
        ++batch;
        batch_stances += static_cast<int64_t>(item.record->stances.size());
        if (batch >= options_.batch_articles && !commit()) return;
      }
      space_cv_.notify_all();
      if (batch > 0 && (finished || Clock::now() - batch_start >= max_age) && !commit()) return;
      if (finished) return;
    }
  }

  const Pipeline& pipeline_;
  Store& store_;
  const IngestOptions& options_;
  int threads_ = 1;
  int64_t max_in_flight_ = 0;
  int64_t run_ = 0;
  Clock::time_point start_;
  Clock::time_point last_report_;
  std::unordered_map<std::string, StoredArticle> stored_;  // read by the reader thread only

  std::mutex callback_mu_;  // serializes the callbacks
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_, space_cv_;
  std::deque<Item> work_;         // GUARDED_BY(mu_)
  std::map<int64_t, Item> done_;  // GUARDED_BY(mu_)
  int64_t next_seq_ = 0;          // GUARDED_BY(mu_)
  int64_t in_flight_ = 0;         // GUARDED_BY(mu_)
  int64_t bytes_done_ = 0;        // GUARDED_BY(mu_)
  bool reading_done_ = false;     // GUARDED_BY(mu_)
  bool aborted_ = false;          // GUARDED_BY(mu_)
  Status write_status_;           // GUARDED_BY(mu_) until the writer is joined
  IngestProgress progress_;       // GUARDED_BY(mu_)
};

}  // namespace

Result<IngestProgress> Ingest(const Pipeline& pipeline, Store& store,
                              const std::vector<std::string>& inputs,
                              const IngestOptions& options) {
  Runner runner(pipeline, store, options);
  return runner.Run(inputs);
}

}  // namespace whipcount::store
