#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "whipcount/pipeline.h"

namespace whipcount {

void AppendStanceJsonl(const Document& doc, std::string& out) {
  const std::string& raw = doc.article.text;
  for (const StanceRecord& r : doc.stances) {
    uint32_t rb = doc.offsets.ToRaw(r.evidence_begin);
    // The end maps through its last byte: an end that touches the next piece must not jump to it.
    uint32_t re = r.evidence_end > r.evidence_begin ? doc.offsets.ToRaw(r.evidence_end - 1) + 1 : rb;
    if (rb > raw.size()) rb = static_cast<uint32_t>(raw.size());
    if (re > raw.size() || re < rb) re = rb;
    size_t cb = core::CountCodePoints(std::string_view(raw).substr(0, rb));
    size_t ce = cb + core::CountCodePoints(std::string_view(raw).substr(rb, re - rb));
    nlohmann::ordered_json j;
    j["doc"] = doc.article.id;
    j["holder"] = doc.actors[r.holder].name;
    j["target"] = doc.actors[r.target].name;
    j["stance"] = ToString(r.stance);
    j["status"] = ToString(r.status);
    j["act"] = ToString(r.act);
    j["holder_kind"] = ToString(doc.actors[r.holder].kind);
    j["target_kind"] = ToString(doc.actors[r.target].kind);
    j["time"] = r.time ? nlohmann::json(r.time->ToString()) : nlohmann::json(nullptr);
    j["published"] = doc.date ? nlohmann::json(doc.date->ToString()) : nlohmann::json(nullptr);
    j["date_inferred"] = doc.date_inferred;
    j["speaker"] = r.speaker >= 0 ? nlohmann::json(doc.actors[r.speaker].name)
                                  : nlohmann::json(nullptr);
    j["evidence"] = raw.substr(rb, re - rb);
    j["evidence_start"] = cb;
    j["evidence_end"] = ce;
    j["source"] = doc.article.source;
    j["rule"] = r.rule;
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
}

}  // namespace whipcount
