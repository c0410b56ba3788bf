// whipcount actors: what the knowledge base (and a database, when there is one) knows about an
// actor; `actors --list` prints every actor the knowledge base holds.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "kb/knowledge_base.h"
#include "query/actors.h"
#include "query/query.h"

namespace whipcount::cli {
namespace {

struct ActorsFlags {
  std::string query;
  bool list = false;
  bool json = false;
  std::string db;  // empty: whipcount.db when it exists
};

std::string Range(const query::ActorLink& l) {
  if (!l.from && !l.to) return "";
  return " (" + l.from.value_or("") + " to " + l.to.value_or("") + ")";
}

void PrintActor(const query::ActorInfo& a, std::ostream& out) {
  out << a.name << "  [" << a.kind << (a.kb_id.empty() ? ", not in the knowledge base" : ", " + a.kb_id)
      << "]\n";
  if (!a.aliases.empty()) {
    out << "  also:";
    for (size_t i = 0; i < a.aliases.size(); ++i) out << (i ? ", " : " ") << a.aliases[i];
    out << "\n";
  }
  if (a.members > 0)
    out << "  members: " << a.members << (a.members_year ? " (" + std::to_string(a.members_year) + ")" : "")
        << "\n";
  for (const auto& d : a.descriptions) out << "  described as: the " << d.text << Range(d) << "\n";
  for (const auto& r : a.roles)
    out << "  role: " << r.text << (r.other_name.empty() ? "" : ", " + r.other_name) << Range(r) << "\n";
  for (const auto& p : a.people) out << "  " << p.text << ": " << p.other_name << Range(p) << "\n";
  for (const auto& f : a.affiliations) out << "  affiliated with: " << f.other_name << Range(f) << "\n";
  if (!a.affiliates.empty()) out << "  affiliates: " << a.affiliates.size() << " on record\n";
  if (!a.kb_source.empty()) out << "  knowledge base: " << a.kb_source << "\n";
  if (a.db) {
    out << "  database: " << a.db->positions_as_holder << " positions held, "
        << a.db->positions_as_target << " received\n";
    for (const auto& f : a.db->facts) {
      out << "  stated: " << f.kind << " " << f.value << (f.object ? " (" + *f.object + ")" : "")
          << " -- " << f.article << (f.date ? " " + *f.date : "") << ": " << f.sentence << "\n";
    }
  }
}

int RunActors(const ActorsFlags& flags, const Options& options) {
  auto kb = kb::KnowledgeBase::LoadDir(options.data_dir + "/kb");
  if (!kb.ok()) {
    std::cerr << "whipcount: " << kb.status().message() << "\n";
    return 2;
  }
  for (const std::string& file : options.kb_files) {
    if (Status st = (*kb)->AddFile(file); !st.ok()) {
      std::cerr << "whipcount: " << st.message() << "\n";
      return 2;
    }
  }
  if (flags.list) {
    nlohmann::ordered_json all = query::ListActors(**kb);
    if (flags.json) {
      std::cout << all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      for (const auto& a : all)
        std::cout << a["id"].get<std::string>() << "\t" << a["kind"].get<std::string>() << "\t"
                  << a["name"].get<std::string>() << "\n";
    }
    return 0;
  }
  if (flags.query.empty()) {
    std::cerr << "whipcount: actors needs a QUERY or --list\n";
    return 2;
  }
  // The database: the one named, else whipcount.db when it exists, else none.
  std::unique_ptr<query::Database> db;
  std::error_code ec;
  std::string path = flags.db.empty() ? "whipcount.db" : flags.db;
  if (!flags.db.empty() || std::filesystem::exists(path, ec)) {
    auto opened = query::Database::Open(path);
    if (!opened.ok()) {
      std::cerr << "whipcount: " << opened.status().message() << "\n";
      return 2;
    }
    db = std::move(opened).value();
  }
  auto found = query::FindActors(**kb, db.get(), flags.query);
  if (!found.ok()) {
    std::cerr << "whipcount: " << found.status().message() << "\n";
    return 2;
  }
  if (flags.json) {
    std::cout << query::ToJson(*found).dump(-1, ' ', false,
                                            nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    for (size_t i = 0; i < found->actors.size(); ++i) {
      if (i) std::cout << "\n";
      PrintActor(found->actors[i], std::cout);
    }
  }
  if (found->actors.empty()) {
    std::string near;
    for (const std::string& n : found->closest) near += (near.empty() ? "" : "; ") + n;
    std::cerr << "whipcount: no actor named \"" << flags.query << "\""
              << (near.empty() ? "" : "; closest: " + near) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

Command AddActorsCommand(CLI::App& app, GlobalOptions& global) {
  auto flags = std::make_shared<ActorsFlags>();
  CLI::App* sub = app.add_subcommand(
      "actors", "what the knowledge base and the database know about an actor");
  sub->add_option("query", flags->query, "a name, alias, acronym or description");
  sub->add_flag("--list", flags->list, "every actor of the knowledge base");
  sub->add_flag("--json", flags->json, "JSON instead of text");
  sub->add_option("--db", flags->db,
                  "the database to consult (default: whipcount.db when it exists)");
  return {sub, [flags, &global] { return RunActors(*flags, global.pipeline); }};
}

}  // namespace whipcount::cli
