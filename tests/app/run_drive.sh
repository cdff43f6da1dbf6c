#!/bin/sh
# Runs the real app under Xvfb with a --drive script in a fresh config/data folder.
# usage: run_drive.sh CHATDRILL SCRIPT WORKDIR SCREENSHOT_DIR
# Optional environment (the screen matrix sets them; the defaults are the plain drive tests'):
#   DRIVE_SCALE=1        CHATDRILL_SCALE for the app
#   DRIVE_SIZE=WxH       the window (--size); the Xvfb screen grows to hold it (default 1280x800)
#   DRIVE_LANG=fi|en DRIVE_THEME=light|dark DRIVE_FONT_SIZE=N
#                        seeded into the fresh settings.json, as if chosen in Settings
#   DRIVE_CLASS=DIR      replaces @CLASS@ in the script (and @WORK@ always becomes WORKDIR)
#   DRIVE_SERVER=N       the first X display number to try (parallel runs start apart)
set -eu
app="$1" script="$2" work="$3" shots="$4"
rm -rf "$work"
mkdir -p "$work/config/chatdrill" "$work/data" "$shots"
# Under ASan the app loads Mesa's driver with dlopen and unloads it at exit, so LeakSanitizer
# reports its allocations from an "<unknown module>" that no suppression can name. Memory
# errors stay checked; leaks are checked in the headless app tests, which have no driver.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# A script may seed the data folder (e.g. an interrupted journal) with a sibling .setup file;
# it gets the work folder and the app (to run an earlier session that "crashes").
setup="${script%.drive}.setup"
if [ -f "$setup" ]; then WORK="$work" APP="$app" sh "$setup"; fi
# A settings file skips the first-run welcome; first_run_*.drive scripts start without one.
case "${script##*/}" in first_run_*) ;; *)
  echo '{"format": "chatdrill.settings/1"}' >"$work/config/chatdrill/settings.json" ;; esac
if [ -n "${DRIVE_LANG:-}${DRIVE_THEME:-}${DRIVE_FONT_SIZE:-}" ]; then
  cat > "$work/config/chatdrill/settings.json" <<JSON
{"format": "chatdrill.settings/1", "language": "${DRIVE_LANG:-fi}", "theme": "${DRIVE_THEME:-light}",
 "font_size": ${DRIVE_FONT_SIZE:-17}, "scale": 0, "trainee": "", "hints": true, "folders": []}
JSON
fi
sed -e "s|@WORK@|$work|g" -e "s|@CLASS@|${DRIVE_CLASS:-}|g" "$script" > "$work/script.drive"
screen=1280x800 size=""
if [ -n "${DRIVE_SIZE:-}" ]; then
  size="--size $DRIVE_SIZE"
  w="${DRIVE_SIZE%x*}" h="${DRIVE_SIZE#*x}"
  screen="$((w > 1920 ? w : 1920))x$((h > 1080 ? h : 1080))"
fi
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" CHATDRILL_SCALE="${DRIVE_SCALE:-1}"
# shellcheck disable=SC2086  # $size is two words or none
exec xvfb-run -a -n "${DRIVE_SERVER:-99}" -s "-screen 0 ${screen}x24" "$app" --drive "$work/script.drive" \
  --screenshot-dir "$shots" --seed 1 $size
