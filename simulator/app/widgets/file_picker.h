// A file and folder picker of our own (ImGui, std::filesystem; no GLFW, no native dialog):
// the current folder with a way up, its folders first and then the files with one extension,
// a path field to type into, and the keys a file dialog has. The state is a plain struct the
// caller keeps; listing is a pure function, so tests check it without a frame.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace chatdrill::app {

struct Palette;
class Strings;

struct PickerEntry {
  std::string name;  // file or folder name, no path
  bool folder = false;
};

// Why a folder could not be listed (none when it could).
enum class ListError { none, not_found, not_a_folder, denied, other };

struct FolderListing {
  std::vector<PickerEntry> entries;  // visible folders (by name), then matching files (by name)
  std::size_t other_files = 0;       // files left out (other extension, or folder mode)
  ListError error = ListError::none;
  std::string detail;  // the system's reason, for ListError::other
};

// Lists `folder`: subfolders, then files ending in `extension` (case-insensitive; every file
// when empty; no files when `folders_only`), each sorted by name without regard to case.
// Hidden entries (a leading dot) are left out. Never throws.
FolderListing list_folder(const std::filesystem::path& folder, const std::string& extension, bool folders_only);

struct FilePicker {
  enum class Mode { file, folder };
  Mode mode = Mode::file;
  std::string extension = ".json";
  std::filesystem::path folder;  // the folder shown
  FolderListing listing;
  std::string typed;  // the path field
  int selected = -1;  // index into listing.entries, -1 for none
  bool scroll_to_selected = false;
  bool focus_path = false;
  bool want_open = false;  // open the popup on the next draw
  bool open = false;       // the popup is showing
  std::string picked;      // the chosen path, once draw_file_picker returned true
  std::string message;     // a typed path that led nowhere
};

// Shows `start` (or the nearest existing folder above it; the working folder when none).
void open_picker(FilePicker& picker, FilePicker::Mode mode, const std::filesystem::path& start,
                 const std::string& extension = ".json");
void picker_go_to(FilePicker& picker, const std::filesystem::path& folder);
void picker_go_up(FilePicker& picker);
// Enter on the selection: opens a folder, or picks a file (file mode); true when picked.
bool picker_activate(FilePicker& picker);
// The path field's Enter: a folder is opened, a file picked (file mode); else a message.
bool picker_take_typed(FilePicker& picker);

// Draws the picker as a modal (call every frame inside the caller's window or popup, after
// open_picker). True on the frame a path is picked (picker.picked). `track` records an item
// for the test driver ("picker.up", "picker.path", "picker.entry.N", "picker.choose",
// "picker.cancel"). Keys: Up/Down select, Enter opens or picks, Backspace goes up, Ctrl+L
// or Tab edits the path, Ctrl+Enter picks the shown folder (folder mode), Escape cancels.
bool draw_file_picker(FilePicker& picker, const Strings& text, const Palette& p,
                      const std::function<void(const std::string&)>& track);

}  // namespace chatdrill::app
