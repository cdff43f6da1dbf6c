// Fonts: DejaVu Sans with the glyph ranges Finnish and its neighbours need (Latin-1,
// Latin Extended-A, general punctuation, euro, U+FFFD). Builds into an ImGui atlas only;
// uploading the texture is the window layer's job.
#pragma once

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace chatdrill::app {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* title = nullptr;  // headings, larger bold
  ImFont* small = nullptr;  // timestamps, meta lines
  std::string warning;      // set when DejaVu was not found and ImGui's default font is used
};

// The glyph ranges (static storage: ImGui keeps the pointer until the atlas is built).
const unsigned short* glyph_ranges();
// Clears `atlas` and adds the fonts at `pixel_size`. Never aborts on a missing file.
Fonts load_fonts(ImFontAtlas& atlas, float pixel_size);

}  // namespace chatdrill::app
