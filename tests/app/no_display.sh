#!/bin/sh
# Without a display the app must say so in one line and exit 1, not crash.
app="$1"
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$app" 2>&1)
code=$?
echo "$out"
[ "$code" -eq 1 ] || { echo "expected exit 1, got $code"; exit 1; }
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || { echo "expected one line"; exit 1; }
printf '%s' "$out" | grep -q "no display found (DISPLAY is not set)" || { echo "unexpected message"; exit 1; }
