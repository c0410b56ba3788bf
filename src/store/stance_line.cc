#include "store/stance_line.h"

#include <nlohmann/json.hpp>

#include "whipcount/pipeline.h"

namespace whipcount::store {
namespace {

using Json = nlohmann::json;

Status Missing(std::string_view field, std::string_view what) {
  return Status::InvalidInput("stance record: \"" + std::string(field) + "\" " + std::string(what));
}

// Reads a required string field.
Status GetString(const Json& j, const char* field, std::string& out) {
  auto it = j.find(field);
  if (it == j.end() || !it->is_string()) return Missing(field, "missing or not a string");
  out = it->get<std::string>();
  return Status::Ok();
}

// Reads an optional date field ("YYYY-MM-DD" or null).
Status GetDate(const Json& j, const char* field, std::optional<Date>& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Missing(field, "is not a date string");
  out = Date::Parse(it->get<std::string>());
  if (!out) return Missing(field, "is not a YYYY-MM-DD date");
  return Status::Ok();
}

template <typename E>
Status GetEnum(const Json& j, const char* field, std::optional<E> (*parse)(std::string_view),
               bool required, E& out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    return required ? Missing(field, "missing") : Status::Ok();
  }
  if (!it->is_string()) return Missing(field, "is not a string");
  std::optional<E> v = parse(it->get<std::string>());
  if (!v) return Missing(field, "has an unknown value \"" + it->get<std::string>() + "\"");
  out = *v;
  return Status::Ok();
}

int64_t GetInt(const Json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

bool LooksLikeStanceLine(std::string_view line) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  return j.is_object() && j.contains("holder") && j.contains("target") && j.contains("stance") &&
         !j.contains("text");
}

Result<StanceLine> ParseStanceLine(std::string_view line) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidInput("malformed JSON");
  if (!j.is_object()) return Status::InvalidInput("not a JSON object");
  StanceLine r;
  for (Status st :
       {GetString(j, "doc", r.doc), GetString(j, "holder", r.holder),
        GetString(j, "target", r.target), GetEnum(j, "stance", &ParseStance, true, r.stance),
        GetEnum(j, "status", &ParseStanceStatus, false, r.status),
        GetEnum(j, "act", &ParseAct, false, r.act),
        GetEnum(j, "holder_kind", &ParseActorKind, false, r.holder_kind),
        GetEnum(j, "target_kind", &ParseActorKind, false, r.target_kind),
        GetDate(j, "time", r.time), GetDate(j, "published", r.published)}) {
    if (!st.ok()) return st;
  }
  if (r.doc.empty()) return Missing("doc", "is empty");
  if (r.holder.empty() || r.target.empty()) return Missing("holder/target", "is empty");
  if (auto it = j.find("date_inferred"); it != j.end() && it->is_boolean()) {
    r.date_inferred = it->get<bool>();
  }
  if (auto it = j.find("speaker"); it != j.end() && it->is_string()) {
    r.speaker = it->get<std::string>();
  }
  if (auto it = j.find("evidence"); it != j.end() && it->is_string()) {
    r.evidence = it->get<std::string>();
  }
  if (auto it = j.find("source"); it != j.end() && it->is_string()) {
    r.source = it->get<std::string>();
  }
  if (auto it = j.find("rule"); it != j.end() && it->is_string()) r.rule = it->get<std::string>();
  r.evidence_start = GetInt(j, "evidence_start");
  r.evidence_end = GetInt(j, "evidence_end");
  return r;
}

std::vector<StanceLine> StanceLinesOf(const Document& doc) {
  std::string jsonl;
  AppendStanceJsonl(doc, jsonl);
  std::vector<StanceLine> lines;
  size_t begin = 0;
  while (begin < jsonl.size()) {
    size_t end = jsonl.find('\n', begin);
    if (end == std::string::npos) end = jsonl.size();
    Result<StanceLine> line = ParseStanceLine(std::string_view(jsonl).substr(begin, end - begin));
    // AppendStanceJsonl writes every field ParseStanceLine requires; a failure here is a bug in
    // one of the two, not bad input.
    if (line.ok()) lines.push_back(std::move(line).value());
    begin = end + 1;
  }
  return lines;
}

}  // namespace whipcount::store
