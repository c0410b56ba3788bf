// whipcount: the command-line interface. Only src/cli/ and serve code print.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/page_command.h"
#include "cli/parse_command.h"
#include "cli/serve_command.h"
#include "cli/store_commands.h"

namespace {

std::string DefaultDataDir() {
  if (const char* env = std::getenv("WHIPCOUNT_DATA"); env && *env) return env;
#ifdef WHIPCOUNT_DEFAULT_DATA_DIR
  return WHIPCOUNT_DEFAULT_DATA_DIR;
#else
  return "data";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"whipcount: who supports, opposes or stays neutral toward whom, from the news"};
  app.require_subcommand(1);
  whipcount::cli::GlobalOptions global;
  global.pipeline.data_dir = DefaultDataDir();
  app.add_option("--data", global.pipeline.data_dir, "folder with kb/, lexicons/ and patterns/")
      ->capture_default_str();
  app.add_option("--kb", global.pipeline.kb_files, "your own knowledge-base file (repeatable)");
  app.add_flag("--no-syntax{false}", global.pipeline.syntax,
               "surface stance rules only: do not parse sentences (faster, fewer stances)");

  std::vector<whipcount::cli::Command> commands;
  commands.push_back(whipcount::cli::AddExtractCommand(app, global));
  commands.push_back(whipcount::cli::AddPageCommand(app, global));
  commands.push_back(whipcount::cli::AddParseCommand(app, global));
  commands.push_back(whipcount::cli::AddIngestCommand(app, global));
  commands.push_back(whipcount::cli::AddWhoCommand(app, global));
  commands.push_back(whipcount::cli::AddTimelineCommand(app, global));
  commands.push_back(whipcount::cli::AddSwitchesCommand(app, global));
  commands.push_back(whipcount::cli::AddConflictsCommand(app, global));
  commands.push_back(whipcount::cli::AddTallyCommand(app, global));
  commands.push_back(whipcount::cli::AddAffiliatesCommand(app, global));
  commands.push_back(whipcount::cli::AddExportCommand(app, global));
  commands.push_back(whipcount::cli::AddActorsCommand(app, global));
  commands.push_back(whipcount::cli::AddServeCommand(app, global));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (auto& command : commands)
    if (command.app->parsed()) return command.run();
  return 2;
}
