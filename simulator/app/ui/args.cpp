// Command-line parsing for the app: `--flag VALUE` and `--flag=VALUE`.
#include "args.h"

#include <cstdio>
#include <cstdlib>
#include <functional>

namespace chatdrill::app {

const char* usage() {
  return "usage: chatdrill [--scenarios DIR] [--start SCENARIO_ID] [--exercise FILE] [--seed N] [--size WxH]\n"
         "       chatdrill COMMAND ...   (validate, play, grade, report: see chatdrill --help)\n"
         "Starts the desktop trainer. Test-only: --drive SCRIPT [--screenshot-dir DIR].\n";
}

ParsedArgs parse_args(int argc, char** argv) {
  ParsedArgs out;
  auto& o = out.options;
  using Setter = std::function<std::string(const std::string&)>;
  const std::pair<const char*, Setter> flags[] = {
      {"--drive",
       [&](const std::string& v) {
         o.drive_script = v;
         return std::string();
       }},
      {"--screenshot-dir",
       [&](const std::string& v) {
         o.screenshot_dir = v;
         return std::string();
       }},
      {"--exercise",
       [&](const std::string& v) {
         o.exercise = v;
         return std::string();
       }},
      {"--start",
       [&](const std::string& v) {
         o.start_scenario = v;
         return std::string();
       }},
      {"--scenarios",
       [&](const std::string& v) {
         o.scenario_dirs.push_back(v);
         return std::string();
       }},
      {"--seed",
       [&](const std::string& v) {
         char* end = nullptr;
         auto n = std::strtoull(v.c_str(), &end, 10);
         if (v.empty() || *end) return std::string("--seed needs a number");
         o.seed = n;
         return std::string();
       }},
      {"--size",
       [&](const std::string& v) {
         int w = 0, h = 0;
         if (std::sscanf(v.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
           return std::string("--size needs WxH, e.g. 1280x800");
         o.width = w, o.height = h;
         return std::string();
       }},
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      out.help = true;
      continue;
    }
    std::string name = arg, value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != std::string::npos)
      name = arg.substr(0, eq), value = arg.substr(eq + 1), has_value = true;
    const Setter* setter = nullptr;
    for (const auto& [flag, set] : flags)
      if (name == flag) setter = &set;
    if (!setter) {
      out.error = "chatdrill: unknown option \"" + arg + "\"";
      return out;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        out.error = "chatdrill: " + name + " needs a value";
        return out;
      }
      value = argv[++i];
    }
    if (auto err = (*setter)(value); !err.empty()) {
      out.error = "chatdrill: " + err;
      return out;
    }
  }
  return out;
}

}  // namespace chatdrill::app
