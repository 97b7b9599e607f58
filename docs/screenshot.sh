#!/usr/bin/env bash
# Takes a real screenshot of the desktop app under Xvfb: starts the app with a fresh data folder and the
# bundled model (or MODEL=<folder>), types PROMPT into the composer, waits WAIT seconds for the model to
# think and answer, and saves the whole virtual screen to OUT.
#
#   ./mvnw -o -B package -DskipTests && docs/screenshot.sh
#   MODEL=models/thinktrace-r1-tiny PROMPT="What is 17 + 25?" WAIT=60 OUT=docs/screenshot.png docs/screenshot.sh
#
# Needs: xvfb-run (xvfb), xdotool, import (imagemagick), a JDK 21+ in JAVA_HOME or on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL="${MODEL:-models/thinktrace-r1-tiny}"
PROMPT="${PROMPT:-What is 17 + 25? Explain briefly.}"
WAIT="${WAIT:-60}"
OUT="${OUT:-docs/screenshot.png}"
KEEP_OPEN="${KEEP_OPEN:-1}"   # 1: turn auto-collapse off, so the picture shows the thinking pane open
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshot: '$tool' is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
[ -f target/thinktrace.jar ] || { echo "screenshot: build first: ./mvnw -o -B package -DskipTests" >&2; exit 1; }
[ -f "$MODEL/config.json" ] || { echo "screenshot: no model at $MODEL (set MODEL=<folder>)" >&2; exit 1; }

HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
if [ "$KEEP_OPEN" = 1 ]; then
  mkdir -p "$HOME_DIR/config"
  cat > "$HOME_DIR/config/settings.json" <<'JSON'
{"sampling":{"temperature":0.6,"topP":0.95,"topK":0,"minP":0.0,"repetitionPenalty":1.0,"presencePenalty":0.0,"seed":42},
 "maxTokens":8192,"thinkingBudget":0,"systemPrompt":"","autoCollapse":false,"theme":"LIGHT","fontSize":14}
JSON
fi

# Everything below runs inside one virtual X display.
export MODEL PROMPT WAIT OUT JAVA HOME_DIR
xvfb-run --auto-servernum --server-args="-screen 0 1280x820x24" bash -c '
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
  xdotool windowsize "$WINDOW" 1280 820 windowmove "$WINDOW" 0 0
  sleep 8   # the model loads in the background
  xdotool windowactivate --sync "$WINDOW" 2>/dev/null || xdotool windowfocus "$WINDOW"
  xdotool mousemove 700 735 click 1   # into the composer
  xdotool type --delay 40 "$PROMPT"
  xdotool key Return
  sleep "$WAIT"
  import -window root "$OUT"
  kill $APP
  wait $APP 2>/dev/null || true
'
echo "screenshot: wrote $OUT"
