// Reads the review's scores back from a screenshot, as a person would read them: each number
// the review drew (the overall badge and every graded dimension's bar) is cropped from the
// PNG at the rectangle the driver's `rects` step saved, cleaned up (distance from the
// background colour, upscaled, white margin) and read by tesseract as a line of digits. The
// expected numbers come from the session's result file, rounded as the review rounds them.
// Exit 0 when every number reads back, 1 (naming each miss) when one is clipped, hidden or
// unreadable, 2 on bad usage or missing input.
// usage: screen_ocr SCREENSHOT RECTS_JSON RESULT_DIR [WORK_DIR]
#include <fmt/format.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr std::array k_dimensions{"speed", "politeness", "clarifying", "engagement", "resolution", "writing"};

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;  // 3 bytes a pixel
  const unsigned char* at(int x, int y) const { return &rgb[(static_cast<std::size_t>(y) * w + x) * 3]; }
};

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The session's result: the one result file (not a journal) in the folder.
std::optional<Json> load_result(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().extension() == ".json") return Json::parse(read_text(e.path()), nullptr, false);
  return std::nullopt;
}

// A crop as dark digits on white, scaled so digits stand ~60 px tall (tesseract reads best
// at 30-80 px), with a white margin. "Ink" is the distance from the crop's border colour,
// so it works for any theme and score colour.
Image clean_crop(const Image& shot, int x0, int y0, int x1, int y1) {
  const int w = x1 - x0, h = y1 - y0;
  std::array<long, 3> border{0, 0, 0};
  long n = 0;
  for (int x = x0; x < x1; ++x)
    for (int y : {y0, y1 - 1}) {
      for (int c = 0; c < 3; ++c) border[c] += shot.at(x, y)[c];
      ++n;
    }
  std::vector<float> ink(static_cast<std::size_t>(w) * h);
  float most = 1;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* px = shot.at(x0 + x, y0 + y);
      float d = 0;
      for (int c = 0; c < 3; ++c) d += std::fabs(static_cast<float>(px[c]) - static_cast<float>(border[c]) / n);
      ink[static_cast<std::size_t>(y) * w + x] = d;
      most = std::max(most, d);
    }
  const int scale = std::clamp(60 / std::max(1, h), 1, 8), margin = 20;
  Image out;
  out.w = w * scale + 2 * margin, out.h = h * scale + 2 * margin;
  out.rgb.assign(static_cast<std::size_t>(out.w) * out.h * 3, 255);
  for (int y = 0; y < h * scale; ++y)
    for (int x = 0; x < w * scale; ++x) {
      const float v = ink[static_cast<std::size_t>(y / scale) * w + x / scale] / most;
      const auto g = static_cast<unsigned char>(255 - std::clamp(v * 1.6f, 0.0f, 1.0f) * 255);
      unsigned char* o = &out.rgb[(static_cast<std::size_t>(y + margin) * out.w + x + margin) * 3];
      o[0] = o[1] = o[2] = g;
    }
  return out;
}

std::string run_tesseract(const fs::path& png) {
  const std::string cmd = fmt::format(
      "tesseract '{}' stdout --psm 7 -c tessedit_char_whitelist=0123456789 -c load_system_dawg=0 -c load_freq_dawg=0 "
      "2>/dev/null",
      png.string());
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  if (!pipe) return {};
  std::string out;
  std::array<char, 256> buf{};
  while (std::fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  std::erase_if(out, [](char c) { return c < '0' || c > '9'; });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fputs("usage: screen_ocr SCREENSHOT RECTS_JSON RESULT_DIR [WORK_DIR]\n", stderr);
    return 2;
  }
  const fs::path shot_path = argv[1], rects_path = argv[2], result_dir = argv[3];
  const fs::path work = argc > 4 ? fs::path(argv[4]) : shot_path.parent_path() / "ocr";
  fs::create_directories(work);
  Image shot;
  int channels = 0;
  unsigned char* px = stbi_load(shot_path.string().c_str(), &shot.w, &shot.h, &channels, 3);
  if (!px) return std::fprintf(stderr, "screen_ocr: %s: cannot read the screenshot\n", shot_path.c_str()), 2;
  shot.rgb.assign(px, px + static_cast<std::size_t>(shot.w) * shot.h * 3);
  stbi_image_free(px);
  const Json rects = Json::parse(read_text(rects_path), nullptr, false);
  const auto result = load_result(result_dir);
  if (rects.is_discarded() || !rects.contains("items"))
    return std::fprintf(stderr, "screen_ocr: %s: not a rects file\n", rects_path.c_str()), 2;
  if (!result || result->is_discarded() || !result->contains("grade"))
    return std::fprintf(stderr, "screen_ocr: %s: no result file\n", result_dir.c_str()), 2;

  const Json& grade = (*result)["grade"];
  std::vector<std::pair<std::string, double>> expected{{"overall", grade["overall"].get<double>()}};
  for (const char* d : k_dimensions) {
    const Json& dim = grade["dimensions"][d];
    if (dim.value("graded", true)) expected.emplace_back(d, dim["score"].get<double>());
  }
  int misses = 0;
  for (const auto& [name, score] : expected) {
    const std::string want = fmt::format("{:.0f}", score), key = "review.score." + name;
    if (!rects["items"].contains(key)) {
      std::printf("%-11s %3s  not drawn (no rectangle: scrolled away or clipped)\n", name.c_str(), want.c_str());
      ++misses;
      continue;
    }
    const auto& r = rects["items"][key];
    const float pad = (r[3].get<float>() - r[1].get<float>()) * 0.15f;
    const int x0 = std::clamp(static_cast<int>(r[0].get<float>() - pad), 0, shot.w);
    const int y0 = std::clamp(static_cast<int>(r[1].get<float>() - pad), 0, shot.h);
    const int x1 = std::clamp(static_cast<int>(r[2].get<float>() + pad), 0, shot.w);
    const int y1 = std::clamp(static_cast<int>(r[3].get<float>() + pad), 0, shot.h);
    std::string read;
    if (x1 - x0 >= 4 && y1 - y0 >= 4) {
      const Image crop = clean_crop(shot, x0, y0, x1, y1);
      const fs::path png = work / (name + ".png");
      stbi_write_png(png.string().c_str(), crop.w, crop.h, 3, crop.rgb.data(), crop.w * 3);
      read = run_tesseract(png);
    }
    const bool ok = read == want;
    std::printf("%-11s %3s  read \"%s\" at [%d,%d %d,%d]%s\n", name.c_str(), want.c_str(), read.c_str(), x0, y0, x1, y1,
                ok ? "" : "  <- MISSING");
    misses += ok ? 0 : 1;
  }
  std::printf("screen_ocr: %zu of %zu scores read back\n", expected.size() - static_cast<std::size_t>(misses),
              expected.size());
  return misses ? 1 : 0;
}
