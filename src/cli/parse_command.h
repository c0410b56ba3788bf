// `whipcount parse`: sentences of articles, tagged and parsed by the project's own syntax models
// (data/models), printed as CoNLL-U, for users and for debugging rules.
#ifndef WHIPCOUNT_CLI_PARSE_COMMAND_H_
#define WHIPCOUNT_CLI_PARSE_COMMAND_H_

#include "cli/commands.h"

namespace whipcount::cli {

Command AddParseCommand(CLI::App& app, GlobalOptions& global);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_PARSE_COMMAND_H_
