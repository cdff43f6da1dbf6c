// Settings persistence: tolerant reading (a broken file never stops the app), atomic writes.
#include "settings.h"

#include "scoring/core/json_doc.h"
#include "simulator/engine/files.h"

#include <algorithm>
#include <cstdlib>

namespace chatdrill::app {
namespace {

std::filesystem::path xdg(const char* var, const char* fallback) {
  const char* v = std::getenv(var);
  if (v && *v) return std::filesystem::path(v) / "chatdrill";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : "/tmp") / fallback / "chatdrill";
}

}  // namespace

std::string language_from_locale(const LocaleEnv& env) {
  const std::string& value = !env.lc_all.empty() ? env.lc_all : !env.lc_messages.empty() ? env.lc_messages : env.lang;
  const std::string code = value.substr(0, value.find_first_of("_.@"));
  if (code.empty() || code == "C" || code == "POSIX" || code == "fi") return "fi";
  return "en";
}

std::filesystem::path config_dir() { return xdg("XDG_CONFIG_HOME", ".config"); }
std::filesystem::path data_dir() { return xdg("XDG_DATA_HOME", ".local/share"); }

Settings load_settings(const std::filesystem::path& path, std::string& error) {
  Settings s;
  error.clear();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return s;
  auto parse = scoring::parse_json_file(path.string());
  if (!parse.doc) {
    error = parse.error ? parse.error->to_string() : path.string() + ": cannot read";
    return s;
  }
  const auto& j = parse.doc->root;
  if (!j.is_object()) {
    error = parse.doc->diag("", "expected an object").to_string();
    return s;
  }
  try {
    s.language = j.value("language", s.language);
    if (s.language != "fi" && s.language != "en") s.language = "fi";
    s.font_size = std::clamp(j.value("font_size", s.font_size), 10.0f, 32.0f);
    s.scale = j.value("scale", s.scale);
    if (s.scale != 0.0f) s.scale = std::clamp(s.scale, 0.5f, 4.0f);
    s.theme = j.value("theme", s.theme) == "dark" ? "dark" : "light";
    s.trainee = scoring::sanitize_utf8(j.value("trainee", s.trainee)).substr(0, 200);
    s.hints = j.value("hints", s.hints);
    if (j.contains("folders") && j["folders"].is_array())
      for (const auto& f : j["folders"])
        if (f.is_string()) s.folders.push_back(f.get<std::string>());
  } catch (const std::exception& e) {
    error = parse.doc->diag("", std::string("unexpected value type: ") + e.what()).to_string();
    return Settings{};
  }
  return s;
}

std::string save_settings(const std::filesystem::path& path, const Settings& s) {
  scoring::Json j = {{"format", "chatdrill.settings/1"},
                     {"language", s.language},
                     {"font_size", s.font_size},
                     {"scale", s.scale},
                     {"theme", s.theme},
                     {"trainee", s.trainee},
                     {"hints", s.hints},
                     {"folders", s.folders}};
  if (auto err = engine::ensure_directory(path.parent_path().string()); !err.empty()) return err;
  return engine::write_file_atomic(path.string(), j.dump(2) + "\n");
}

float effective_scale(const Settings& settings, float content_scale) {
  if (const char* env = std::getenv("CHATDRILL_SCALE"); env && *env) {
    char* end = nullptr;
    float v = std::strtof(env, &end);
    if (end != env && v >= 0.5f && v <= 4.0f) return v;
  }
  if (settings.scale > 0.0f) return settings.scale;
  return content_scale > 0.0f ? std::clamp(content_scale, 0.5f, 4.0f) : 1.0f;
}

}  // namespace chatdrill::app
