// whipcount page: what the html stage reads out of web pages, for a user to check a page.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/page_command.h"
#include "html/html_reader.h"

namespace whipcount::cli {
namespace {

// Reads all of `path` ("-" for standard input) into *out; returns "" or the problem.
std::string ReadAll(const std::string& path, std::string* out) {
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (file == nullptr) return std::string("cannot open: ") + std::strerror(errno);
  char buf[1 << 16];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, file)) > 0) out->append(buf, got);
  bool failed = std::ferror(file);
  if (file != stdin) std::fclose(file);
  return failed ? "read error" : "";
}

std::string StemOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

int RunPage(const std::vector<std::string>& files, bool json) {
  int status = 0;
  std::string out;
  bool first = true;
  for (const std::string& path : files) {
    std::string bytes;
    if (std::string problem = ReadAll(path, &bytes); !problem.empty()) {
      std::cerr << "whipcount: " << path << ": " << problem << "\n";
      status = 1;
      continue;
    }
    Result<Article> article = html::ReadHtmlPage(bytes, path, StemOf(path));
    if (!article.ok()) {
      std::cerr << "whipcount: " << article.status().message() << "\n";
      status = 1;
      continue;
    }
    if (article->text.empty()) {
      std::cerr << "whipcount: " << path << ": no article text found\n";
      status = 1;
    }
    const std::string published = article->published ? article->published->ToString() : "";
    out.clear();
    if (json) {
      nlohmann::json obj = {
          {"source", article->source},
          {"title", article->title},
          {"published", article->published ? nlohmann::json(published) : nlohmann::json()},
          {"url", article->url},
          {"text", article->text}};
      out = obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
      if (!first) out += "\n";
      if (files.size() > 1) out += "== " + path + "\n";
      out += "title:     " + article->title + "\n";
      out += "published: " + (published.empty() ? std::string("unknown") : published) + "\n";
      out += "url:       " + article->url + "\n\n";
      out += article->text + "\n";
    }
    first = false;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace

Command AddPageCommand(CLI::App& app, GlobalOptions& /*global*/) {
  CLI::App* sub = app.add_subcommand("page", "print the article a web page holds");
  auto files = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  sub->add_option("files", *files, "HTML pages (\"-\" for standard input)")->required();
  sub->add_flag("--json", *json, "one JSON object a page: source, title, published, url, text");
  return Command{sub, [files, json]() { return RunPage(*files, *json); }};
}

}  // namespace whipcount::cli
