// The `whipcount serve` subcommand: the HTTP JSON API and dashboard over a database
// (serve/server.h). Registered as in cli/commands.h; the runner returns 0 after a clean stop
// (SIGINT or SIGTERM), 2 on a set-up error (no database, data that does not load, port in use).
#ifndef WHIPCOUNT_CLI_SERVE_COMMAND_H_
#define WHIPCOUNT_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

#include "cli/commands.h"

namespace whipcount::cli {

Command AddServeCommand(CLI::App& app, GlobalOptions& global);

// What identifies the extractor (this binary and the data `options` loads), stored with each
// ingested article so that unchanged articles are skipped on a rerun (defined in store_cmds.cc).
std::string ExtractorFingerprint(const Options& options);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_SERVE_COMMAND_H_
