#!/usr/bin/env bash
# Runs every test of IWG Portal: installs what is missing (as root, from Debian packages), builds
# once, runs the three test projects and prints, as its last line, "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

missing=()
if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && ! command -v pg_ctl >/dev/null; then
  missing+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
  else
    echo "Missing ${missing[*]}: install them (sudo apt-get install ${missing[*]}) or run this script as root." >&2
  fi
fi

results=tests/results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build IwgPortal.sln -c Release -nologo -v quiet; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test IwgPortal.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test (a crash, a test project that did not run): count it.
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "No test ran."
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
