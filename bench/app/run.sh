#!/usr/bin/env bash
# bench/app/run.sh: the desktop app's idle and startup figures under Xvfb (Mesa llvmpipe).
# Starts the real app straight into a session (the clock ticking, the customer waiting) and
# prints: time to first frame, idle CPU % of one core over N seconds, and RSS.
# usage: bench/app/run.sh [CHATDRILL_BINARY] [SECONDS]     (targets: first frame < 300 ms, idle < 2 %)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
app="${1:-$root/build/simulator/chatdrill}"
secs="${2:-10}"
[[ -x "$app" ]] || { echo "bench/app: no chatdrill binary at $app (build first)" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "bench/app: Xvfb is not installed (apt-get install xvfb)" >&2; exit 2; }

work="$(mktemp -d)"
xvfb_pid="" app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Our own X server on a free display number, so we know exactly which processes we measure.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.05; done
export DISPLAY=":$(tr -d '\n' <"$work/display")"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" CHATDRILL_BENCH=1 CHATDRILL_SCALE=1

t0=$(date +%s%N)
"$app" --start silent-customer-fi --seed 1 2>"$work/stderr" &
app_pid=$!
for _ in $(seq 2000); do grep -q "first frame" "$work/stderr" 2>/dev/null && break; sleep 0.005; done
t1=$(date +%s%N)
inside=$(sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' "$work/stderr")
[[ -n "$inside" ]] || { echo "bench/app: the app drew no frame:" >&2; cat "$work/stderr" >&2; exit 1; }

sleep 2  # let start-up work settle
ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
hz=$(getconf CLK_TCK)
c0=$(ticks); s0=$(date +%s%N)
sleep "$secs"
c1=$(ticks); s1=$(date +%s%N)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")

awk -v c="$((c1 - c0))" -v hz="$hz" -v ns="$((s1 - s0))" -v out="$(( (t1 - t0) / 1000000 ))" \
    -v inside="$inside" -v rss="$rss_kb" -v secs="$secs" 'BEGIN {
  printf "first frame:   %d ms from launch (%.1f ms inside the app)   target < 300 ms\n", out, inside
  printf "idle CPU:      %.2f %% of one core over %d s on the session screen, clock running   target < 2 %%\n", 100 * (c / hz) / (ns / 1e9), secs
  printf "RSS:           %.1f MB\n", rss / 1024
}'
