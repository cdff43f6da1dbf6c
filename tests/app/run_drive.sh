#!/bin/sh
# Runs the real app under Xvfb with a --drive script in a fresh config/data folder.
# usage: run_drive.sh CHATDRILL SCRIPT WORKDIR SCREENSHOT_DIR
set -eu
app="$1" script="$2" work="$3" shots="$4"
rm -rf "$work"
mkdir -p "$work/config" "$work/data" "$shots"
# A settings file skips the first-run welcome; first_run_*.drive scripts start without one.
case "${script##*/}" in first_run_*) ;; *) mkdir -p "$work/config/chatdrill" &&
  echo '{"format": "chatdrill.settings/1"}' >"$work/config/chatdrill/settings.json" ;; esac
# Under ASan the app loads Mesa's driver with dlopen and unloads it at exit, so LeakSanitizer
# reports its allocations from an "<unknown module>" that no suppression can name. Memory
# errors stay checked; leaks are checked in the headless app tests, which have no driver.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# A script may seed the data folder (e.g. an interrupted journal) with a sibling .setup file;
# it gets the work folder and the app (to run an earlier session that "crashes").
setup="${script%.drive}.setup"
if [ -f "$setup" ]; then WORK="$work" APP="$app" sh "$setup"; fi
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" CHATDRILL_SCALE=1
exec xvfb-run -a -s "-screen 0 1280x800x24" "$app" --drive "$script" --screenshot-dir "$shots" --seed 1
