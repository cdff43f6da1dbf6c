// What the trainee chose in Settings (language, font size, scale, theme, name, hints,
// scenario folders), persisted as JSON under $XDG_CONFIG_HOME/chatdrill. No ImGui here.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace chatdrill::app {

struct Settings {
  std::string language = "fi";       // UI language: fi | en
  float font_size = 17.0f;           // in points at scale 1
  float scale = 0.0f;                // 0: follow the monitor (content scale); else an override
  std::string theme = "light";       // light | dark
  std::string trainee;               // recorded in transcripts
  bool hints = true;                 // live hint strip (a scenario can turn it off too)
  std::vector<std::string> folders;  // extra scenario folders the trainer added
};

// The locale variables a first start reads, passed in by main (tests pass their own).
struct LocaleEnv {
  std::string lc_all, lc_messages, lang;  // LC_ALL, LC_MESSAGES, LANG; empty when unset
};

// The UI language for a first start: the first set of LC_ALL, LC_MESSAGES, LANG (as the C
// library picks the messages locale) decides: Finnish ("fi", "fi_FI.UTF-8", "fi_FI@euro")
// gives "fi", any other language "en". No locale at all (unset, "C", "POSIX", "C.UTF-8")
// says nothing about the person, so Finnish, the primary language, stays.
std::string language_from_locale(const LocaleEnv& env);

// $XDG_CONFIG_HOME/chatdrill (fallback ~/.config/chatdrill).
std::filesystem::path config_dir();
// $XDG_DATA_HOME/chatdrill (fallback ~/.local/share/chatdrill).
std::filesystem::path data_dir();

// Reads settings; a missing file gives defaults silently, a broken one gives defaults and
// a diagnostic in `error`. Out-of-range values are clamped.
Settings load_settings(const std::filesystem::path& path, std::string& error);
// Writes atomically; returns an empty string or the reason it failed.
std::string save_settings(const std::filesystem::path& path, const Settings& settings);

// The UI scale to use: $CHATDRILL_SCALE, else the settings override, else the monitor's.
float effective_scale(const Settings& settings, float content_scale);

}  // namespace chatdrill::app
