#!/usr/bin/env bash
# The shell of the factlint GitHub Action (action.yml); runs the same way on a laptop.
#
#   action-run.sh install   pip-install $FACTLINT_INSTALL (a path or a requirement)
#   action-run.sh cache-dir write the cache folder (dir=...) to $GITHUB_OUTPUT, for
#                           actions/cache to keep between runs
#   action-run.sh check     fetch the base revision if missing, annotate the findings on
#                           changed lines, and write a SARIF file of all findings
#
# The action's inputs arrive as environment variables:
#   FACTLINT_PATHS       articles to check, files or folders separated by white space (".")
#   FACTLINT_CONFIG      config file (default: found upwards)
#   FACTLINT_FAIL_ON     lowest severity that fails the step: error, warning or info
#   FACTLINT_DIFF_BASE   git revision: annotate only findings on lines changed since it
#   FACTLINT_BASELINE    baseline file: annotate only findings it does not list
#   FACTLINT_SARIF       "true": also write a SARIF file (all findings) for code scanning
#   FACTLINT_SARIF_FILE  where to write it (default: factlint.sarif)
#   FACTLINT             the command to run (default: factlint)
# The exit status is the annotated check's: 0 clean, 1 findings, 2 errors.
set -uo pipefail

step="${1:-check}"

if [ "$step" = install ]; then
  python -m pip install --disable-pip-version-check --quiet "${FACTLINT_INSTALL:?what to install}"
  exit $?
fi
if [ "$step" != check ] && [ "$step" != cache-dir ]; then
  echo "usage: $0 install|cache-dir|check" >&2
  exit 2
fi

set -f # paths are taken literally, not as globs
read -r -a factlint <<<"${FACTLINT:-factlint}"
# shellcheck disable=SC2206 # split on white space (spaces and new lines) on purpose
paths=(${FACTLINT_PATHS:-.})
set +f

options=()
[ -n "${FACTLINT_CONFIG:-}" ] && options+=(--config "$FACTLINT_CONFIG")

if [ "$step" = cache-dir ]; then
  # A config that does not load is reported by the check step; the cache is skipped.
  dir="$("${factlint[@]}" cache path "${options[@]+"${options[@]}"}")" || exit 0
  echo "dir=$dir" >>"${GITHUB_OUTPUT:-/dev/stdout}"
  exit 0
fi
[ -n "${FACTLINT_BASELINE:-}" ] && options+=(--baseline "$FACTLINT_BASELINE")

base="${FACTLINT_DIFF_BASE:-}"
changed=()
if [ -n "$base" ]; then
  # A shallow checkout (actions/checkout's default) lacks the base commit: fetch just it.
  if ! git cat-file -e "${base}^{commit}" 2>/dev/null; then
    echo "factlint: fetching base revision $base" >&2
    git fetch --quiet --no-tags --depth=1 origin "$base" ||
      echo "factlint: could not fetch $base; the check will say why" >&2
  fi
  changed=(--diff-base "$base")
fi

fail_on=()
[ -n "${FACTLINT_FAIL_ON:-}" ] && fail_on=(--fail-on "$FACTLINT_FAIL_ON")

status=0
"${factlint[@]}" check --format github "${options[@]+"${options[@]}"}" \
  "${fail_on[@]+"${fail_on[@]}"}" "${changed[@]+"${changed[@]}"}" -- "${paths[@]}" || status=$?

if [ "${FACTLINT_SARIF:-false}" = true ]; then
  # Every finding, not only the changed lines: code scanning tracks alerts across
  # commits itself, by the findings' fingerprints.
  sarif="${FACTLINT_SARIF_FILE:-factlint.sarif}"
  "${factlint[@]}" check --format sarif -o "$sarif" --exit-zero \
    "${options[@]+"${options[@]}"}" -- "${paths[@]}" >/dev/null || true
  if [ -s "$sarif" ]; then
    echo "factlint: wrote $sarif" >&2
    [ -n "${GITHUB_OUTPUT:-}" ] && echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
  fi
fi

exit "$status"
