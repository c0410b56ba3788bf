#include "store/fact_line.h"

#include <nlohmann/json.hpp>

#include "facts/facts.h"

namespace whipcount::store {
namespace {

using Json = nlohmann::json;

Status Bad(std::string_view field, std::string_view what) {
  return Status::InvalidInput("fact record: \"" + std::string(field) + "\" " + std::string(what));
}

std::string Str(const Json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Int(const Json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

bool LooksLikeFactLine(std::string_view line) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  return j.is_object() && Str(j, "type") == "fact";
}

Result<FactLine> ParseFactLine(std::string_view line) {
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidInput("malformed JSON");
  if (!j.is_object()) return Status::InvalidInput("not a JSON object");
  FactLine f;
  f.doc = Str(j, "doc");
  f.holder = Str(j, "holder");
  f.kind = Str(j, "kind");
  f.value = Str(j, "value");
  if (f.doc.empty()) return Bad("doc", "missing or empty");
  if (f.holder.empty()) return Bad("holder", "missing or empty");
  if (f.kind != "members" && f.kind != "role" && f.kind != "affiliation")
    return Bad("kind", "is not members, role or affiliation");
  if (f.value.empty()) return Bad("value", "missing or empty");
  f.holder_kind = ParseActorKind(Str(j, "holder_kind")).value_or(ActorKind::kUnknown);
  if (std::string object = Str(j, "object"); !object.empty()) {
    f.object = object;
    f.object_kind = ParseActorKind(Str(j, "object_kind")).value_or(ActorKind::kUnknown);
  } else if (f.kind != "members") {
    return Bad("object", "missing for a " + f.kind + " fact");
  }
  f.number = Int(j, "number");
  if (f.kind == "members" && f.number <= 0) return Bad("number", "missing or not positive");
  if (auto it = j.find("approximate"); it != j.end() && it->is_boolean())
    f.approximate = it->get<bool>();
  f.sentence = Str(j, "sentence");
  f.evidence = Str(j, "evidence");
  f.evidence_start = Int(j, "evidence_start");
  f.evidence_end = Int(j, "evidence_end");
  f.rule = Str(j, "rule");
  return f;
}

std::vector<FactLine> FactLinesOf(const Document& doc) {
  std::string text;
  facts::AppendFactJsonl(doc, text);
  std::vector<FactLine> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    Result<FactLine> f = ParseFactLine(std::string_view(text).substr(start, nl - start));
    if (f.ok()) out.push_back(std::move(f).value());  // our own output always parses
    start = nl + 1;
  }
  return out;
}

}  // namespace whipcount::store
