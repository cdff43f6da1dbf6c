// Keeps chatdrill_ui non-empty before its first screen exists.
namespace chatdrill::app {
int ui_placeholder_symbol = 0;
}
