// The subcommands of the whipcount binary. Each Add*Command registers its subcommand on `app`
// and returns a function that runs it once parsed; the runner returns the process exit code:
// 0 success, 1 some inputs were skipped (each named on stderr), 2 usage or set-up error.
// Commands print; library code never does.
#ifndef WHIPCOUNT_CLI_COMMANDS_H_
#define WHIPCOUNT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "whipcount/pipeline.h"

namespace whipcount::cli {

// Flags shared by every command (--data, --kb). Filled by CLI11 before a runner is called.
struct GlobalOptions {
  Options pipeline;
};

using Runner = std::function<int()>;

// Registers a subcommand; the runner is called only when that subcommand was given.
struct Command {
  CLI::App* app = nullptr;
  Runner run;
};

Command AddExtractCommand(CLI::App& app, GlobalOptions& global);
// `actors QUERY|--list [--json] [--db PATH]` (cli/actors_cmd.cc).
Command AddActorsCommand(CLI::App& app, GlobalOptions& global);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_COMMANDS_H_
