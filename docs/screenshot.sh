#!/usr/bin/env bash
# Takes real screenshots of the desktop app under Xvfb: starts the app with a fresh data folder and the bundled
# model (or MODEL=<folder>), types PROMPT into the composer, waits WAIT seconds for the model to think and answer,
# and saves the whole virtual screen.
#
#   OUT (docs/screenshot.png): the chat window as it is after the answer. Set OUT= (empty) to skip it.
#   INSPECTOR_OUT (docs/inspector.png): INSPECTOR_PROMPT's answer with the inspector panel open (Ctrl+I), the
#     confidence heat on (Ctrl+H), "When did it know?" run, and the Forks list opened with its first fork (the
#     response's most uncertain token) clicked, so that token is marked in the trace and its alternatives show.
#     Set INSPECTOR_OUT= (empty) to skip it.
#
#   ./mvnw -o -B package -DskipTests && docs/screenshot.sh
#   MODEL=models/thinktrace-r1-tiny PROMPT="What is 17 + 25?" WAIT=60 OUT=docs/screenshot.png docs/screenshot.sh
#
# The app is driven only as a user drives it: typing, its keyboard shortcuts, and clicks at fixed places of the
# fixed-size virtual screen (PROBE_X/PROBE_Y: the "When did it know?" button, FORKS_X/FORKS_Y: the Forks list's
# title, FORK_X/FORK_Y: its first row once open).
# Needs: xvfb-run (xvfb), xdotool, import (imagemagick), a JDK 21+ in JAVA_HOME or on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL="${MODEL:-models/thinktrace-r1-tiny}"
PROMPT="${PROMPT:-Which is larger, 9.11 or 9.9?}"
INSPECTOR_PROMPT="${INSPECTOR_PROMPT:-Is 91 a prime number?}"
WAIT="${WAIT:-60}"
OUT="${OUT-docs/screenshot.png}"
INSPECTOR_OUT="${INSPECTOR_OUT-docs/inspector.png}"
KEEP_OPEN="${KEEP_OPEN:-1}"   # 1: auto-collapse off (the thinking pane stays open) and a fixed seed (the same answer each time)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshot: '$tool' is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
[ -f target/thinktrace.jar ] || { echo "screenshot: build first: ./mvnw -o -B package -DskipTests" >&2; exit 1; }
[ -f "$MODEL/config.json" ] || { echo "screenshot: no model at $MODEL (set MODEL=<folder>)" >&2; exit 1; }

# One picture: MODE is "chat" or "inspector", WIDTH x HEIGHT the virtual screen, TARGET the file written.
shoot() {
  local MODE="$1" WIDTH="$2" HEIGHT="$3" TARGET="$4" PROMPT="$5"
  local HOME_DIR
  HOME_DIR="$(mktemp -d)"
  if [ "$KEEP_OPEN" = 1 ]; then
    mkdir -p "$HOME_DIR/config"
    cat > "$HOME_DIR/config/settings.json" <<'JSON'
{"sampling":{"temperature":0.6,"topP":0.95,"topK":0,"minP":0.0,"repetitionPenalty":1.0,"presencePenalty":0.0,"seed":42},
 "seedMode":"FIXED","maxTokens":8192,"thinkingBudget":0,"systemPrompt":"","autoCollapse":false,"theme":"LIGHT","fontSize":14}
JSON
  fi
  # Everything below runs inside one virtual X display.
  MODE="$MODE" WIDTH="$WIDTH" HEIGHT="$HEIGHT" TARGET="$TARGET" HOME_DIR="$HOME_DIR" \
  MODEL="$MODEL" PROMPT="$PROMPT" WAIT="$WAIT" JAVA="$JAVA" \
  PROBE_X="${PROBE_X:-1150}" PROBE_Y="${PROBE_Y:-118}" FORKS_X="${FORKS_X:-1100}" FORKS_Y="${FORKS_Y:-840}" \
  FORK_X="${FORK_X:-1150}" FORK_Y="${FORK_Y:-723}" \
  xvfb-run --auto-servernum --server-args="-screen 0 ${WIDTH}x${HEIGHT}x24" bash -c '
    set -euo pipefail
    "$JAVA" -Dthinktrace.data="$HOME_DIR/data" -Dthinktrace.config="$HOME_DIR/config" -Dthinktrace.model="$MODEL" \
        -Dprism.order=sw -jar target/thinktrace.jar &
    APP=$!
    for _ in $(seq 1 60); do
      WINDOW=$(xdotool search --name "^ThinkTrace$" 2>/dev/null | head -1 || true)
      [ -n "$WINDOW" ] && break
      sleep 1
    done
    [ -n "${WINDOW:-}" ] || { echo "screenshot: the window did not appear" >&2; kill $APP; exit 1; }
    xdotool windowsize "$WINDOW" "$WIDTH" "$HEIGHT" windowmove "$WINDOW" 0 0
    sleep 8   # the model loads in the background
    xdotool windowactivate --sync "$WINDOW" 2>/dev/null || xdotool windowfocus "$WINDOW"
    xdotool mousemove $((WIDTH / 2 + 60)) $((HEIGHT - 85)) click 1   # into the composer
    xdotool type --delay 40 "$PROMPT"
    xdotool key Return
    sleep "$WAIT"
    if [ "$MODE" = inspector ]; then
      xdotool key ctrl+i            # open the inspector on the last response
      sleep 2
      xdotool key ctrl+h            # confidence heat on
      sleep 2
      xdotool mousemove "$PROBE_X" "$PROBE_Y" click 1   # "When did it know?"
      sleep 15
      xdotool mousemove "$FORKS_X" "$FORKS_Y" click 1   # open the Forks list
      sleep 1
      xdotool mousemove "$FORK_X" "$FORK_Y" click 1     # its first fork: marked in the trace, alternatives shown
      sleep 2
    fi
    import -window root "$TARGET"
    kill $APP
    wait $APP 2>/dev/null || true
  '
  rm -rf "$HOME_DIR"
  echo "screenshot: wrote $TARGET"
}

[ -z "$OUT" ] || shoot chat 1280 820 "$OUT" "$PROMPT"
[ -z "$INSPECTOR_OUT" ] || shoot inspector 1440 900 "$INSPECTOR_OUT" "$INSPECTOR_PROMPT"
