// The subcommands over the database: ingest, and the queries who, timeline, switches,
// conflicts, tally, affiliates and export. Each Add*Command registers its subcommand, as in
// cli/commands.h; runners return 0 on success, 1 when some inputs were skipped or a name was
// not found, 2 on a usage or set-up error (bad flags, unreadable data or database).
#ifndef WHIPCOUNT_CLI_STORE_COMMANDS_H_
#define WHIPCOUNT_CLI_STORE_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace whipcount::cli {

Command AddIngestCommand(CLI::App& app, GlobalOptions& global);
Command AddWhoCommand(CLI::App& app, GlobalOptions& global);
Command AddTimelineCommand(CLI::App& app, GlobalOptions& global);
Command AddSwitchesCommand(CLI::App& app, GlobalOptions& global);
Command AddConflictsCommand(CLI::App& app, GlobalOptions& global);
Command AddTallyCommand(CLI::App& app, GlobalOptions& global);
Command AddAffiliatesCommand(CLI::App& app, GlobalOptions& global);
Command AddExportCommand(CLI::App& app, GlobalOptions& global);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_STORE_COMMANDS_H_
