// GLFW + OpenGL window: idle-friendly waiting, activity tracking for the redraw policy,
// emoji-safe character input and clipboard, and glReadPixels screenshots.
#include "window.h"

#include "ui/emoji.h"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace chatdrill::app {
namespace {

// The window's own state, reached from GLFW's callbacks through the window user pointer
// (glfwSetWindowUserPointer): no globals.
Window::Events& events(GLFWwindow* w) { return *static_cast<Window::Events*>(glfwGetWindowUserPointer(w)); }

void on_char(GLFWwindow* w, unsigned int c) {
  events(w).activity = true;
  // Emoji would become U+FFFD in Debian's 16-bit ImGui: give it the keeper's stand-in.
  auto& e = events(w);
  ImGui_ImplGlfw_CharCallback(w, e.emoji ? e.emoji->to_input(c) : c);
}
void on_key(GLFWwindow* w, int key, int sc, int action, int mods) {
  events(w).activity = true;
  ImGui_ImplGlfw_KeyCallback(w, key, sc, action, mods);
}
void on_mouse(GLFWwindow* w, int button, int action, int mods) {
  events(w).activity = true;
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}
void on_scroll(GLFWwindow* w, double x, double y) {
  events(w).activity = true;
  ImGui_ImplGlfw_ScrollCallback(w, x, y);
}
void on_cursor(GLFWwindow* w, double, double) { events(w).activity = true; }
void on_focus(GLFWwindow* w, int focused) {
  events(w).activity = true;
  ImGui_ImplGlfw_WindowFocusCallback(w, focused);
}
void on_enter(GLFWwindow* w, int entered) {
  events(w).activity = true;
  ImGui_ImplGlfw_CursorEnterCallback(w, entered);
}
void on_resize(GLFWwindow* w, int, int) { events(w).activity = true; }
void on_refresh(GLFWwindow* w) { events(w).activity = true; }
void on_scale(GLFWwindow* w, float, float) { events(w).activity = true; }

const char* get_clipboard(void* user) {
  auto* w = static_cast<GLFWwindow*>(user);
  auto& e = events(w);
  const char* text = glfwGetClipboardString(w);
  e.clipboard = e.emoji && text ? e.emoji->encode(text) : clean_input(text ? text : "");
  return e.clipboard.c_str();
}
void set_clipboard(void* user, const char* text) {
  auto* w = static_cast<GLFWwindow*>(user);
  auto& e = events(w);
  std::string out = e.emoji ? e.emoji->decode(text) : std::string(text);
  glfwSetClipboardString(w, out.c_str());
}

}  // namespace

std::string missing_display_reason() {
  const char* x = std::getenv("DISPLAY");
  const char* wl = std::getenv("WAYLAND_DISPLAY");
  if ((!x || !*x) && (!wl || !*wl)) return "DISPLAY is not set";
  return {};
}

std::string Window::open(int width, int height, const char* title, EmojiKeeper& emoji) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ = glfwCreateWindow(width, height, title, nullptr, nullptr);
  if (!window_) return "could not create an OpenGL 3.3 window";
  glfwMakeContextCurrent(window_);
  if (!gladLoadGL(glfwGetProcAddress)) return "could not load OpenGL functions";
  glfwSwapInterval(1);
  events_.emoji = &emoji;
  glfwSetWindowUserPointer(window_, &events_);
  ImGui_ImplGlfw_InitForOpenGL(window_, false);
  glfwSetCharCallback(window_, on_char);
  glfwSetKeyCallback(window_, on_key);
  glfwSetMouseButtonCallback(window_, on_mouse);
  glfwSetScrollCallback(window_, on_scroll);
  glfwSetCursorPosCallback(window_, on_cursor);
  glfwSetWindowFocusCallback(window_, on_focus);
  glfwSetCursorEnterCallback(window_, on_enter);
  glfwSetFramebufferSizeCallback(window_, on_resize);
  glfwSetWindowRefreshCallback(window_, on_refresh);
  glfwSetWindowContentScaleCallback(window_, on_scale);
  ImGui_ImplOpenGL3_Init("#version 330");
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  io.ClipboardUserData = window_;
  backends_ = true;
  return {};
}

Window::~Window() {
  if (backends_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
  }
  if (window_) glfwDestroyWindow(window_);
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }
void Window::wait(double timeout) { glfwWaitEventsTimeout(timeout); }
void Window::poll() { glfwPollEvents(); }

bool Window::take_activity() {
  bool a = events_.activity;
  events_.activity = false;
  return a;
}

float Window::content_scale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return x > 0 ? x : 1.0f;
}

void Window::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
}

std::string Window::end_frame(const ImVec4& clear, const std::string& screenshot) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  std::string error;
  if (!screenshot.empty() && w > 0 && h > 0) {
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * h * 4), flipped(px.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    const std::size_t row = static_cast<std::size_t>(w) * 4;
    for (int y = 0; y < h; ++y) {
      std::copy_n(px.data() + row * (h - 1 - y), row, flipped.data() + row * y);
      for (std::size_t x = 3; x < row; x += 4) flipped[row * y + x] = 255;
    }
    if (!stbi_write_png(screenshot.c_str(), w, h, 4, flipped.data(), static_cast<int>(row)))
      error = screenshot + ": could not write the screenshot";
  }
  glfwSwapBuffers(window_);
  return error;
}

void Window::create_device_objects() { ImGui_ImplOpenGL3_CreateDeviceObjects(); }

void Window::upload_fonts() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace chatdrill::app
