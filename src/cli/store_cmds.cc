// whipcount ingest and the database queries (who, timeline, switches, conflicts, tally,
// affiliates, export).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/serve_command.h"
#include "cli/store_commands.h"
#include "core/utf8.h"
#include "query/api.h"
#include "query/query.h"
#include "store/ingest.h"
#include "store/store.h"
#include "whipcount/pipeline.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kDefaultDb = "whipcount.db";
// Widest a table cell gets before it is cut (evidence sentences, long names).
constexpr size_t kMaxCellWidth = 60;

// Flags every query command takes.
struct QueryFlags {
  std::string db = kDefaultDb;
  bool json = false;
};

void AddQueryFlags(CLI::App* sub, QueryFlags& flags) {
  sub->add_option("--db", flags.db, "the database file")->capture_default_str();
  sub->add_flag("--json", flags.json, "print JSON instead of a table");
}

// A left-aligned text table; widths count code points, so names with accents line up.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }

  std::string Render() const {
    std::vector<size_t> widths(headers_.size());
    auto fit = [](const std::string& cell) {
      if (core::CountCodePoints(cell) <= kMaxCellWidth) return cell;
      std::string out;
      size_t points = 0;
      for (size_t i = 0; i < cell.size() && points < kMaxCellWidth - 1; ++i) {
        out += cell[i];
        bool continues =
            i + 1 < cell.size() && (static_cast<unsigned char>(cell[i + 1]) & 0xC0) == 0x80;
        if (!continues) ++points;
      }
      return out + "\u2026";
    };
    std::vector<std::vector<std::string>> cells;
    cells.push_back(headers_);
    for (const auto& row : rows_) {
      std::vector<std::string> fitted;
      for (const std::string& cell : row) fitted.push_back(fit(cell));
      cells.push_back(std::move(fitted));
    }
    for (const auto& row : cells) {
      for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
        widths[c] = std::max(widths[c], core::CountCodePoints(row[c]));
      }
    }
    std::string out;
    for (size_t r = 0; r < cells.size(); ++r) {
      std::string line;
      for (size_t c = 0; c < cells[r].size() && c < widths.size(); ++c) {
        line += cells[r][c];
        if (c + 1 < cells[r].size()) {
          line += std::string(widths[c] - core::CountCodePoints(cells[r][c]) + 2, ' ');
        }
      }
      out += line + "\n";
      if (r == 0) {
        size_t total = 0;
        for (size_t w : widths) total += w + 2;
        out += std::string(total > 2 ? total - 2 : total, '-') + "\n";
      }
    }
    return out;
  }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

void Print(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }
void PrintJson(const Json& j) {
  Print(j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
}

std::string OrDash(const std::optional<std::string>& v) { return v ? *v : "-"; }

// "support Hillary Clinton (planned)".
std::string Describe(const query::PositionRow& p) {
  std::string out = p.stance + " " + p.target.name;
  if (p.status != "current") out += " (" + p.status + ")";
  return out;
}

std::string SourcesCell(const query::PositionRow& p) {
  std::vector<std::string> articles;
  for (const auto& s : p.sources) {
    if (std::find(articles.begin(), articles.end(), s.article) == articles.end()) {
      articles.push_back(s.article);
    }
  }
  std::string out;
  for (const std::string& a : articles) out += (out.empty() ? "" : ", ") + a;
  return out;
}

std::string UntilCell(const query::PositionRow& p) {
  if (p.end_reason.empty()) return "-";
  return (p.end ? *p.end : std::string("?")) + " (" + p.end_reason + ")";
}

std::string FormatCount(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Opens the database, printing the problem on failure.
std::unique_ptr<query::Database> OpenDb(const std::string& path) {
  auto db = query::Database::Open(path);
  if (!db.ok()) {
    std::cerr << "whipcount: " << db.status().message() << "\n";
    return nullptr;
  }
  return std::move(db).value();
}

int Failed(const Status& st) {
  std::cerr << "whipcount: " << st.message() << "\n";
  return 2;
}

// ---- ingest ----

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string db = kDefaultDb;
  int threads = 0;
  bool force = false;
  int batch = 256;
};

// Feeds a file's bytes into a running FNV-1a hash.
void HashFile(const fs::path& path, std::string& all) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  all += store::TextHash(path.filename().string()) + store::TextHash(bytes);
}

// What identifies the extractor: this binary and the data it loads. Articles stored with the
// same fingerprint and text are skipped on a rerun; a rebuilt binary or changed data
// re-extracts them.
std::string Fingerprint(const Options& options) {
  std::string all;
  std::error_code ec;
  HashFile("/proc/self/exe", all);
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(options.data_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) HashFile(f, all);
  for (const std::string& f : options.kb_files) HashFile(f, all);
  return store::TextHash(all);
}

std::string Duration(double seconds) {
  int s = static_cast<int>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  }
  return buf;
}

int RunIngest(const IngestFlags& flags, const Options& options) {
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return Failed(pipeline.status());
  auto store = store::Store::Open(flags.db);
  if (!store.ok()) return Failed(store.status());

  const bool tty = isatty(STDERR_FILENO);
  bool line_open = false;  // a progress bar is drawn on the current stderr line
  double last_plain = 0;  // plain lines start after the first five seconds
  store::IngestOptions opts;
  opts.threads = flags.threads;
  opts.force = flags.force;
  opts.batch_articles = std::max(1, flags.batch);
  opts.fingerprint = Fingerprint(options);
  opts.on_error = [&](const store::IngestError& e) {
    if (line_open) std::fputs("\r\033[K", stderr);
    line_open = false;
    std::fprintf(stderr, "whipcount: skipped %s: %s\n", e.source.c_str(), e.message.c_str());
  };
  opts.on_progress = [&](const store::IngestProgress& p) {
    const double mb = static_cast<double>(p.bytes_read) / 1e6;
    const double rate = p.seconds > 0 ? static_cast<double>(p.articles_read) / p.seconds : 0;
    const double byte_rate = p.seconds > 0 ? static_cast<double>(p.bytes_read) / p.seconds : 0;
    const double fraction =
        p.bytes_total > 0
            ? std::min(1.0, static_cast<double>(p.bytes_read) / static_cast<double>(p.bytes_total))
            : 0;
    std::string eta = fraction > 0 && byte_rate > 0
                          ? Duration(static_cast<double>(p.bytes_total - p.bytes_read) / byte_rate)
                          : std::string("?");
    char text[256];
    std::snprintf(text, sizeof text,
                  "%s articles read, %s stored, %s unchanged, %.1f of %.1f MB, %.0f articles/s",
                  FormatCount(p.articles_read).c_str(), FormatCount(p.articles_stored).c_str(),
                  FormatCount(p.articles_unchanged).c_str(), mb,
                  static_cast<double>(p.bytes_total) / 1e6, rate);
    if (tty) {
      constexpr int kBar = 24;
      int filled = static_cast<int>(fraction * kBar);
      std::string bar = "[" + std::string(filled, '#') + std::string(kBar - filled, '.') + "]";
      std::fprintf(stderr, "\r\033[K%s %3.0f%% %s, ETA %s%s", bar.c_str(), fraction * 100, text,
                   eta.c_str(), p.merging ? ", merging" : "");
      line_open = true;
    } else if (p.seconds - last_plain >= 5) {
      last_plain = p.seconds;
      std::fprintf(stderr, "whipcount: ingest: %s%s\n", text, p.merging ? ", merging" : "");
    }
  };
  auto result = store::Ingest(**pipeline, **store, flags.inputs, opts);
  if (line_open) std::fputs("\r\033[K", stderr);
  if (!result.ok()) return Failed(result.status());
  const auto& p = *result;
  std::fprintf(stderr,
               "whipcount: stored %s articles (%s unchanged) with %s stances in %.1f s "
               "(%.0f articles/s, %.2f MB/s) into %s%s\n",
               FormatCount(p.articles_stored).c_str(), FormatCount(p.articles_unchanged).c_str(),
               FormatCount(p.stances_stored).c_str(), p.seconds,
               p.seconds > 0 ? static_cast<double>(p.articles_stored) / p.seconds : 0.0,
               p.seconds > 0 ? static_cast<double>(p.bytes_read) / 1e6 / p.seconds : 0.0,
               flags.db.c_str(),
               p.errors ? (", " + std::to_string(p.errors) + " inputs skipped").c_str() : "");
  return p.errors ? 1 : 0;
}

// ---- queries ----

// Prints a query's failure: 1 when a name was not found or is ambiguous (flags are checked
// before the query runs), 2 when the database fails.
int QueryFailed(const Status& st) {
  std::cerr << "whipcount: " << st.message() << "\n";
  const bool name = st.code() == Status::Code::kNotFound || st.code() == Status::Code::kInvalidInput;
  return name ? 1 : 2;
}

struct WhoFlags {
  QueryFlags q;
  query::WhoQuery query;
};

int RunWho(const WhoFlags& flags) {
  // Flags are checked before the database is opened, so a typo is reported as such.
  if (auto as_of = query::ParseDateParam("--as-of", flags.query.as_of); !as_of.ok()) {
    return Failed(as_of.status());
  }
  if (!ParseStance(flags.query.stance)) {
    std::cerr << "whipcount: --stance must be support, oppose or neutral\n";
    return 2;
  }
  auto db = OpenDb(flags.q.db);
  if (!db) return 2;
  auto result = query::RunWho(*db, flags.query);
  if (!result.ok()) return QueryFailed(result.status());
  if (flags.q.json) {
    PrintJson(query::ToJson(*result));
    return 0;
  }
  const auto& rows = result->holders;
  Print("Holders with stance " + result->stance + " toward " + result->target.name + " " +
        (result->as_of ? "as of " + result->as_of->ToString() : std::string("(latest)")) + ": " +
        std::to_string(rows.size()) + "\n\n");
  Table table({"holder", "kind", "since", "status", "sources", "evidence"});
  for (const auto& p : rows) {
    table.Add({p.holder.name, p.holder.kind, OrDash(p.start), p.status, SourcesCell(p),
               p.sources.empty() ? "" : p.sources.front().evidence});
  }
  if (!table.empty()) Print(table.Render());
  return 0;
}

struct ActorFlags {
  QueryFlags q;
  std::string actor;
};

int RunTimeline(const ActorFlags& flags) {
  auto db = OpenDb(flags.q.db);
  if (!db) return 2;
  auto result = query::RunTimeline(*db, flags.actor);
  if (!result.ok()) return QueryFailed(result.status());
  if (flags.q.json) {
    PrintJson(query::ToJson(*result));
    return 0;
  }
  const auto& actor = result->actor;
  const auto& rows = result->positions;
  Print("Timeline of " + actor.name + " (" + actor.kind + "): " + std::to_string(rows.size()) +
        " positions\n\n");
  Table table({"from", "until", "holder", "stance", "target", "status", "sources"});
  for (const auto& p : rows) {
    table.Add({OrDash(p.start), UntilCell(p), p.holder.name, p.stance, p.target.name, p.status,
               SourcesCell(p)});
  }
  if (!table.empty()) Print(table.Render());
  return 0;
}

struct SinceFlags {
  QueryFlags q;
  std::string since;
};

int RunSwitches(const SinceFlags& flags) {
  if (auto since = query::ParseDateParam("--since", flags.since); !since.ok()) {
    return Failed(since.status());
  }
  auto db = OpenDb(flags.q.db);
  if (!db) return 2;
  auto result = query::RunSwitches(*db, flags.since);
  if (!result.ok()) return QueryFailed(result.status());
  if (flags.q.json) {
    PrintJson(query::ToJson(*result));
    return 0;
  }
  const auto& rows = result->switches;
  Print(std::to_string(rows.size()) + " switches" +
        (result->since ? " since " + result->since->ToString() : std::string()) + "\n\n");
  Table table({"date", "holder", "from", "to", "reported by"});
  for (const auto& s : rows) {
    table.Add({OrDash(s.date), s.from.holder.name, Describe(s.from), Describe(s.to), s.article});
  }
  if (!table.empty()) Print(table.Render());
  return 0;
}

int RunConflicts(const QueryFlags& flags) {
  auto db = OpenDb(flags.db);
  if (!db) return 2;
  auto result = query::RunConflicts(*db);
  if (!result.ok()) return QueryFailed(result.status());
  if (flags.json) {
    PrintJson(query::ToJson(*result));
    return 0;
  }
  const auto& rows = result->conflicts;
  Print(std::to_string(rows.size()) + " conflicts between sources\n\n");
  Table table({"holder", "target", "one source says", "another says"});
  auto side = [](const std::string& stance, const query::SourceRef& s) {
    return stance + " (" + OrDash(s.time ? s.time : s.date) + ", " + s.article + ")";
  };
  for (const auto& c : rows) {
    table.Add({c.holder.name, c.target.name, side(c.stance_a, c.a), side(c.stance_b, c.b)});
  }
  if (!table.empty()) Print(table.Render());
  return 0;
}

struct TallyFlags {
  QueryFlags q;
  query::TallyQuery query;
};

int RunTally(const TallyFlags& flags) {
  if (auto as_of = query::ParseDateParam("--as-of", flags.query.as_of); !as_of.ok()) {
    return Failed(as_of.status());
  }
  if (!flags.query.weight.empty() && flags.query.weight != "members") {
    std::cerr << "whipcount: --weight takes only \"members\"\n";
    return 2;
  }
  auto db = OpenDb(flags.q.db);
  if (!db) return 2;
  auto result = query::RunTally(*db, flags.query);
  if (!result.ok()) return QueryFailed(result.status());
  if (flags.q.json) {
    PrintJson(query::ToJson(*result));
    return 0;
  }
  const auto& rows = result->rows;
  const size_t shown = result->shown;
  Print("Support " +
        (result->as_of ? "as of " + result->as_of->ToString() : std::string("(latest)")) + ", " +
        std::to_string(rows.size()) + " targets" +
        (shown < rows.size() ? ", top " + std::to_string(shown) : std::string()) + "\n\n");
  Table table({"target", "supporters", "by kind", "members (known for)"});
  for (size_t i = 0; i < shown; ++i) {
    const auto& r = rows[i];
    std::string kinds;
    for (const auto& [kind, n] : r.by_kind) {
      kinds += (kinds.empty() ? "" : ", ") + kind + " " + std::to_string(n);
    }
    table.Add({r.target.name, std::to_string(r.supporters), kinds,
               r.with_members ? FormatCount(r.members) + " (" + std::to_string(r.with_members) + ")"
                              : "-"});
  }
  if (!table.empty()) Print(table.Render());
  return 0;
}

struct AffiliatesFlags {
  QueryFlags q;
  query::AffiliatesQuery query;
};

int RunAffiliates(const AffiliatesFlags& flags) {
  if (auto as_of = query::ParseDateParam("--as-of", flags.query.as_of); !as_of.ok()) {
    return Failed(as_of.status());
  }
  auto db = OpenDb(flags.q.db);
  if (!db) return 2;
  auto found = query::RunAffiliates(*db, flags.query);
  if (!found.ok()) return QueryFailed(found.status());
  if (flags.q.json) {
    PrintJson(query::ToJson(*found));
    return 0;
  }
  const auto& result = found->result;
  const auto& as_of = found->as_of;
  const auto& fed = result.federation;
  std::string own;
  for (const auto& p : result.own) own += (own.empty() ? "" : "; ") + Describe(p);
  Print(fed.name + " " + (as_of ? "as of " + as_of->ToString() : std::string("(latest)")) + ": " +
        std::to_string(result.affiliates.size()) +
        " affiliates; its own position: " + (own.empty() ? "none on record" : own) + "\n\n");
  Table table({"affiliate", "members", "position", "sources"});
  size_t with_position = 0;
  for (const auto& a : result.affiliates) {
    std::string positions, sources;
    for (const auto& p : a.positions) {
      positions += (positions.empty() ? "" : "; ") + Describe(p);
      sources += (sources.empty() ? "" : "; ") + SourcesCell(p);
    }
    if (!a.positions.empty()) ++with_position;
    table.Add({a.member.name, a.member.members ? FormatCount(a.member.members) : "-",
               positions.empty() ? "-" : positions, sources});
  }
  if (!table.empty()) Print(table.Render());
  Print("\n" + std::to_string(with_position) + " of " + std::to_string(result.affiliates.size()) +
        " affiliates have a position on record\n");
  return 0;
}

struct ExportFlags {
  std::string db = kDefaultDb;
  std::string format = "jsonl";
  std::string what = "stances";
};

std::string CsvCell(const Json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int RunExport(const ExportFlags& flags) {
  auto db = OpenDb(flags.db);
  if (!db) return 2;
  bool csv = flags.format == "csv";
  bool header = false;
  std::string out;
  auto sink = [&](const Json& j) {
    out.clear();
    if (!csv) {
      out = j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    } else {
      if (!header) {
        for (auto it = j.begin(); it != j.end(); ++it)
          out += (it == j.begin() ? "" : ",") + it.key();
        out += "\n";
        header = true;
      }
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ",";
        first = false;
        if (it.key() == "sources" && it.value().is_array()) {
          std::string articles;
          for (const auto& s : it.value()) {
            articles += (articles.empty() ? "" : ";") + s.value("article", std::string());
          }
          out += CsvCell(articles);
        } else {
          out += CsvCell(it.value());
        }
      }
      out += "\n";
    }
    Print(out);
  };
  Status st = flags.what == "positions" ? db->ExportPositions(sink) : db->ExportStances(sink);
  std::fflush(stdout);
  if (!st.ok()) return Failed(st);
  return 0;
}

}  // namespace

std::string ExtractorFingerprint(const Options& options) { return Fingerprint(options); }

Command AddIngestCommand(CLI::App& app, GlobalOptions& global) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* sub = app.add_subcommand(
      "ingest", "extract stances from articles (or read `extract` output) into the database");
  sub->add_option("inputs", flags->inputs,
                  "text, .json, .jsonl (articles or `extract` stance records) files, folders, "
                  "or - for standard input")
      ->required();
  sub->add_option("--db", flags->db, "the database file")->capture_default_str();
  sub->add_option("--threads", flags->threads, "extraction threads (0: one per core)")
      ->capture_default_str();
  sub->add_flag("--force", flags->force,
                "re-extract articles already stored with the same text and extractor");
  sub->add_option("--batch", flags->batch, "articles per transaction")->capture_default_str();
  return {sub, [flags, &global] { return RunIngest(*flags, global.pipeline); }};
}

Command AddWhoCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<WhoFlags>();
  CLI::App* sub = app.add_subcommand("who", "the actors with a stance toward TARGET on a date");
  sub->add_option("target", flags->query.target, "name, alias or acronym")->required();
  sub->add_option("--as-of", flags->query.as_of, "YYYY-MM-DD (default: the latest positions)");
  sub->add_option("--stance", flags->query.stance, "support, oppose or neutral")
      ->capture_default_str();
  AddQueryFlags(sub, flags->q);
  return {sub, [flags] { return RunWho(*flags); }};
}

Command AddTimelineCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<ActorFlags>();
  CLI::App* sub = app.add_subcommand("timeline", "every position of ACTOR, in time order");
  sub->add_option("actor", flags->actor, "name, alias or acronym")->required();
  AddQueryFlags(sub, flags->q);
  return {sub, [flags] { return RunTimeline(*flags); }};
}

Command AddSwitchesCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<SinceFlags>();
  CLI::App* sub = app.add_subcommand("switches", "actors whose position changed");
  sub->add_option("--since", flags->since, "YYYY-MM-DD");
  AddQueryFlags(sub, flags->q);
  return {sub, [flags] { return RunSwitches(*flags); }};
}

Command AddConflictsCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<QueryFlags>();
  CLI::App* sub = app.add_subcommand(
      "conflicts", "sources that disagree about one holder and target at one time");
  AddQueryFlags(sub, *flags);
  return {sub, [flags] { return RunConflicts(*flags); }};
}

Command AddTallyCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<TallyFlags>();
  CLI::App* sub = app.add_subcommand("tally", "per target, the supporters by kind and members");
  sub->add_option("--as-of", flags->query.as_of, "YYYY-MM-DD (default: the latest positions)");
  sub->add_option("--weight", flags->query.weight,
                  "members: order by the members supporters represent");
  sub->add_option("--limit", flags->query.limit, "show only the first N targets (0: all)")
      ->capture_default_str();
  AddQueryFlags(sub, flags->q);
  return {sub, [flags] { return RunTally(*flags); }};
}

Command AddAffiliatesCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<AffiliatesFlags>();
  CLI::App* sub =
      app.add_subcommand("affiliates", "a federation's member organizations and where each stands");
  sub->add_option("federation", flags->query.federation, "name, alias or acronym")->required();
  sub->add_option("--as-of", flags->query.as_of, "YYYY-MM-DD (default: the latest positions)");
  AddQueryFlags(sub, flags->q);
  return {sub, [flags] { return RunAffiliates(*flags); }};
}

Command AddExportCommand(CLI::App& app, GlobalOptions&) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* sub = app.add_subcommand("export", "print the database's stances or positions");
  sub->add_option("--db", flags->db, "the database file")->capture_default_str();
  sub->add_option("--format", flags->format, "csv or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->capture_default_str();
  sub->add_option("--what", flags->what,
                  "stances (records, in `extract` form) or positions (merged)")
      ->check(CLI::IsMember({"stances", "positions"}))
      ->capture_default_str();
  return {sub, [flags] { return RunExport(*flags); }};
}

}  // namespace whipcount::cli
