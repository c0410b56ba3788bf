// The closed vocabularies of whipcount. Each enum has one ToString/Parse pair, used by JSON,
// SQL and the CLI alike. Thread safety: pure functions.
#ifndef WHIPCOUNT_ENUMS_H_
#define WHIPCOUNT_ENUMS_H_

#include <optional>
#include <string_view>

namespace whipcount {

enum class Stance { kSupport, kOppose, kNeutral };
enum class StanceStatus { kCurrent, kPlanned, kPast };
enum class Act { kEndorse, kBack, kNeutral };
// How a mention names its actor.
enum class MentionKind { kName, kAcronym, kSurname, kDescription, kPronoun };
enum class ActorKind {
  kUnknown,
  kPerson,
  kUnion,
  kFederation,
  kParty,
  kNewspaper,
  kPac,
  kCompany,
  kGroup,       // advocacy group, caucus, association, committee
  kGovernment,  // an office or government body
  kBallotMeasure,
  kBill,
  kPolicy,
};

std::string_view ToString(Stance v);
std::string_view ToString(StanceStatus v);
std::string_view ToString(Act v);
std::string_view ToString(MentionKind v);
std::string_view ToString(ActorKind v);

// Parse the ToString form; nullopt for anything else.
std::optional<Stance> ParseStance(std::string_view s);
std::optional<StanceStatus> ParseStanceStatus(std::string_view s);
std::optional<Act> ParseAct(std::string_view s);
std::optional<MentionKind> ParseMentionKind(std::string_view s);
std::optional<ActorKind> ParseActorKind(std::string_view s);

// True for kinds that are organizations (can be referred to as "it"/"they").
bool IsOrganization(ActorKind k);
// True for kinds that are things rather than actors that can hold a stance.
bool IsIssue(ActorKind k);

}  // namespace whipcount

#endif  // WHIPCOUNT_ENUMS_H_
