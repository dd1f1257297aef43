#!/usr/bin/env bash
# Alternating wrk rounds against two servers answering the same URL path (a held portal and a side
# portal with one setting changed, or the portal and the baseline), for A/B checks on a held run
# (`--hold`, docs/performance.md "Profiling"). Prints each side's req/s over all rounds and B ÷ A.
#   ab.sh http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B /api/sows/1772 [rounds] [seconds per round]
# Environment: TOKEN (the held run's API token, optional), WRK_ARGS (default "-t2 -c16", as the harness).
set -euo pipefail
a=$1 b=$2 path=$3 rounds=${4:-6} seconds=${5:-3}
headers=(-H "X-Forwarded-Proto: https")
[[ -n ${TOKEN:-} ]] && headers+=(-H "Authorization: Bearer $TOKEN")
run() { wrk ${WRK_ARGS:--t2 -c16} -d"$2"s "${headers[@]}" "$1$path" | awk '/requests in/ { print $1 }'; }
run "$a" 3 > /dev/null
run "$b" 3 > /dev/null
total_a=0 total_b=0
for ((i = 1; i <= rounds; i++)); do
  if ((i % 2)); then ra=$(run "$a" "$seconds"); rb=$(run "$b" "$seconds"); else rb=$(run "$b" "$seconds"); ra=$(run "$a" "$seconds"); fi
  total_a=$((total_a + ra)) total_b=$((total_b + rb))
done
echo "A $((total_a / (rounds * seconds))) req/s, B $((total_b / (rounds * seconds))) req/s, B/A $(awk -v a=$total_a -v b=$total_b 'BEGIN { printf "%.3f", b / a }')"
