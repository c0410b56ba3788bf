// whipcount page: the article a web page holds, as whipcount reads it (see cli/commands.h for
// the Command contract and exit codes).
#ifndef WHIPCOUNT_CLI_PAGE_COMMAND_H_
#define WHIPCOUNT_CLI_PAGE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace whipcount::cli {

// `whipcount page FILE.html... [--json]`: prints each page's title, published date, URL and
// body; with --json one JSON object a line (source, title, published, url, text).
Command AddPageCommand(CLI::App& app, GlobalOptions& global);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_PAGE_COMMAND_H_
