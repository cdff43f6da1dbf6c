// The platform layer: one GLFW window with an OpenGL 3.3 core context and the ImGui GLFW
// and OpenGL3 backends. The only code (with main.cpp) that includes GLFW or GL, so every
// screen also runs headless in tests.
#pragma once

#include <imgui.h>

#include <string>

struct GLFWwindow;

namespace chatdrill::app {

class EmojiKeeper;

class Window {
 public:
  Window() = default;
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Creates the window and context and initialises the ImGui backends (the ImGui context
  // must exist); does not touch io.Fonts. Returns an error message, empty on success.
  std::string open(int width, int height, const char* title, EmojiKeeper& emoji);
  bool should_close() const;
  // Blocks until input arrives or `timeout` seconds pass (idle), or just polls.
  void wait(double timeout);
  void poll();
  // True if input or a window event arrived since the last call.
  bool take_activity();
  float content_scale() const;

  void begin_frame();
  // Renders ImGui's draw data, writes a screenshot of this frame if `screenshot` is set,
  // and swaps. Returns an error message from the screenshot, if any.
  std::string end_frame(const ImVec4& clear, const std::string& screenshot);
  // Shaders, buffers and the font texture; once, after the font atlas is built.
  void create_device_objects();
  // After the font atlas changed (between frames).
  void upload_fonts();

  // What GLFW's callbacks update (through the window user pointer).
  struct Events {
    bool activity = true;
    EmojiKeeper* emoji = nullptr;  // emoji-safe input and clipboard
    std::string clipboard;         // the text handed to ImGui last
  };

 private:
  Events events_;
  GLFWwindow* window_ = nullptr;
  bool backends_ = false;
};

// Why there is no display, or empty if there seems to be one.
std::string missing_display_reason();

}  // namespace chatdrill::app
