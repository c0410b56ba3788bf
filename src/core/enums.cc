#include "whipcount/enums.h"

#include <array>
#include <utility>

namespace whipcount {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
  for (const auto& [v, name] : table)
    if (name == s) return v;
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [e, name] : table)
    if (e == v) return name;
  return "unknown";
}

constexpr std::array<std::pair<Stance, std::string_view>, 3> kStances{{
    {Stance::kSupport, "support"}, {Stance::kOppose, "oppose"}, {Stance::kNeutral, "neutral"}}};
constexpr std::array<std::pair<StanceStatus, std::string_view>, 3> kStatuses{{
    {StanceStatus::kCurrent, "current"},
    {StanceStatus::kPlanned, "planned"},
    {StanceStatus::kPast, "past"}}};
constexpr std::array<std::pair<Act, std::string_view>, 3> kActs{
    {{Act::kEndorse, "endorse"}, {Act::kBack, "back"}, {Act::kNeutral, "neutral"}}};
constexpr std::array<std::pair<MentionKind, std::string_view>, 5> kMentionKinds{{
    {MentionKind::kName, "name"},
    {MentionKind::kAcronym, "acronym"},
    {MentionKind::kSurname, "surname"},
    {MentionKind::kDescription, "description"},
    {MentionKind::kPronoun, "pronoun"}}};
constexpr std::array<std::pair<ActorKind, std::string_view>, 13> kActorKinds{{
    {ActorKind::kUnknown, "unknown"},
    {ActorKind::kPerson, "person"},
    {ActorKind::kUnion, "union"},
    {ActorKind::kFederation, "federation"},
    {ActorKind::kParty, "party"},
    {ActorKind::kNewspaper, "newspaper"},
    {ActorKind::kPac, "pac"},
    {ActorKind::kCompany, "company"},
    {ActorKind::kGroup, "group"},
    {ActorKind::kGovernment, "government"},
    {ActorKind::kBallotMeasure, "ballot_measure"},
    {ActorKind::kBill, "bill"},
    {ActorKind::kPolicy, "policy"}}};

}  // namespace

std::string_view ToString(Stance v) { return Name(kStances, v); }
std::string_view ToString(StanceStatus v) { return Name(kStatuses, v); }
std::string_view ToString(Act v) { return Name(kActs, v); }
std::string_view ToString(MentionKind v) { return Name(kMentionKinds, v); }
std::string_view ToString(ActorKind v) { return Name(kActorKinds, v); }
std::optional<Stance> ParseStance(std::string_view s) { return Lookup(kStances, s); }
std::optional<StanceStatus> ParseStanceStatus(std::string_view s) { return Lookup(kStatuses, s); }
std::optional<Act> ParseAct(std::string_view s) { return Lookup(kActs, s); }
std::optional<MentionKind> ParseMentionKind(std::string_view s) { return Lookup(kMentionKinds, s); }
std::optional<ActorKind> ParseActorKind(std::string_view s) { return Lookup(kActorKinds, s); }

bool IsOrganization(ActorKind k) {
  switch (k) {
    case ActorKind::kUnion: case ActorKind::kFederation: case ActorKind::kParty:
    case ActorKind::kNewspaper: case ActorKind::kPac: case ActorKind::kCompany:
    case ActorKind::kGroup: case ActorKind::kGovernment:
      return true;
    default:
      return false;
  }
}

bool IsIssue(ActorKind k) {
  return k == ActorKind::kBallotMeasure || k == ActorKind::kBill || k == ActorKind::kPolicy;
}

}  // namespace whipcount
