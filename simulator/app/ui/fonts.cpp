// Font loading with a check before each AddFontFromFileTTF (a missing file aborts in 1.86).
#include "fonts.h"

#include "scoring/core/paths.h"

#include <imgui.h>

#include <filesystem>

namespace chatdrill::app {
namespace {

std::string find_font(const std::string& name) {
  std::error_code ec;
  for (const auto& candidate :
       {scoring::data_path("assets/fonts/" + name), std::filesystem::path("/usr/share/fonts/truetype/dejavu") / name}) {
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
  }
  return {};
}

ImFont* add(ImFontAtlas& atlas, const std::string& file, float size) {
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  if (file.empty()) {
    config.SizePixels = size;
    return atlas.AddFontDefault(&config);
  }
  return atlas.AddFontFromFileTTF(file.c_str(), size, &config, glyph_ranges());
}

}  // namespace

const unsigned short* glyph_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0xFFFD, 0xFFFD, 0};
  return ranges;
}

Fonts load_fonts(ImFontAtlas& atlas, float pixel_size) {
  atlas.Clear();
  Fonts fonts;
  std::string regular = find_font("DejaVuSans.ttf");
  std::string bold = find_font("DejaVuSans-Bold.ttf");
  if (regular.empty()) fonts.warning = "DejaVuSans.ttf not found (install fonts-dejavu-core); using ImGui's font";
  if (bold.empty()) bold = regular;
  fonts.body = add(atlas, regular, pixel_size);
  fonts.bold = add(atlas, bold, pixel_size);
  fonts.title = add(atlas, bold, pixel_size * 1.45f);
  fonts.small = add(atlas, regular, pixel_size * 0.82f);
  return fonts;
}

}  // namespace chatdrill::app
